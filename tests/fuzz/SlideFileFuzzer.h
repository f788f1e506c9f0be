#pragma once
// A whole slide file, opened as the viewer opens it (FormatRegistry: detection, then the
// backend), then read as the viewer would: metadata, a few tiles of every level, the
// associated images. Bounded so that one input stays fast: at most 4 tiles a level.

#include "FuzzSupport.h"

#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/SlideSource.h>

namespace lamina::fuzz {

inline void openAndReadSlide(std::span<const uint8_t> data, const std::string& extension) {
    const auto path = asFile(data, extension);
    refusalsAreFine([&] {
        const auto slide = FormatRegistry::standard().open(path.string());
        for (int level = 0; level < slide->levelCount(); ++level) {
            const LevelInfo& info = slide->level(level);
            for (int64_t tile = 0; tile < 4; ++tile) {
                const int64_t col = tile % 2, row = tile / 2;
                if (col < info.tilesAcross() && row * info.tileHeight < info.height)
                    refusalsAreFine([&] { slide->readTile(level, col, row); });
            }
        }
        for (const std::string& name : slide->metadata().associatedImages)
            refusalsAreFine([&] { slide->readAssociated(name); });
    });
}

} // namespace lamina::fuzz

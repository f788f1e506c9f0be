#include <lamina/core/Error.h>
#include <lamina/slide/writer/PyramidPlan.h>

#include <algorithm>

namespace lamina {

PyramidPlan PyramidPlan::make(int64_t width, int64_t height, int tileSize, int step,
                              int64_t coarsestSide, int maxLevels) {
    if (width < 1 || height < 1 || tileSize < 1 || step < 2 || maxLevels < 1)
        throw Error(ErrorKind::InvalidArgument, {},
                    "a pyramid needs a size, a tile size and a level step of at least 2");
    PyramidPlan plan;
    plan.tileSize = tileSize;
    int64_t w = width, h = height;
    double downsample = 1;
    for (;;) {
        plan.levels.push_back(
            {w, h, (w + tileSize - 1) / tileSize, (h + tileSize - 1) / tileSize, downsample});
        if (std::max(w, h) <= coarsestSide || int(plan.levels.size()) >= maxLevels)
            break;
        w = (w + step - 1) / step;
        h = (h + step - 1) / step;
        downsample *= step;
    }
    return plan;
}

uint64_t PyramidPlan::tileCount() const {
    uint64_t n = 0;
    for (const auto& l : levels)
        n += l.tileCount();
    return n;
}

double PyramidPlan::paddedBytes(int bytesPerPixel) const {
    double bytes = 0;
    for (const auto& l : levels)
        bytes += double(l.across * tileSize) * double(l.down * tileSize) * bytesPerPixel;
    return bytes;
}

bool PyramidPlan::needsBigTiff(int bytesPerPixel) const {
    return paddedBytes(bytesPerPixel) > 3.9 * 1024 * 1024 * 1024;
}

} // namespace lamina

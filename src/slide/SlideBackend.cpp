#include <lamina/slide/SlideBackend.h>

#include <cstring>

namespace lamina {

SlideBackend::~SlideBackend() = default;

bool LocationProbe::isTiff() const {
    if (header.size() < 4)
        return false;
    const bool little = header[0] == 'I' && header[1] == 'I';
    const bool big = header[0] == 'M' && header[1] == 'M';
    if (!little && !big)
        return false;
    const unsigned version = little ? header[2] | (header[3] << 8) : (header[2] << 8) | header[3];
    return version == 42 || version == 43; // classic TIFF or BigTIFF
}

bool LocationProbe::isDicomFile() const {
    return header.size() >= 132 && std::memcmp(header.data() + 128, "DICM", 4) == 0;
}

} // namespace lamina

#include "WorkerSlide.h"

#include "WorkerSession.h"

#include <stdexcept>

namespace lamina {

WorkerSlide::WorkerSlide(WorkerSlideInfo info, uint64_t callId, WorkerSession& session)
    : info_(std::move(info)), callId_(callId), session_(session) {}

const WorkerSlideInfo::Level& WorkerSlide::level(int index) const {
    if (index < 0 || index >= int(info_.levels.size()))
        throw std::out_of_range(info_.slideId + ": no level " + std::to_string(index) +
                                " (the slide has " + std::to_string(info_.levels.size()) + ")");
    return info_.levels[size_t(index)];
}

int WorkerSlide::levelCount() const {
    return int(info_.levels.size());
}

int64_t WorkerSlide::levelWidth(int index) const {
    return level(index).width;
}

int64_t WorkerSlide::levelHeight(int index) const {
    return level(index).height;
}

double WorkerSlide::levelDownsample(int index) const {
    return level(index).downsample;
}

std::optional<double> WorkerSlide::micronsPerPixel() const {
    return info_.micronsPerPixel;
}

std::string WorkerSlide::slideId() const {
    return info_.slideId;
}

PluginImage WorkerSlide::readRegion(int level, int64_t x, int64_t y, int width, int height) const {
    WorkerRead read;
    read.callId = callId_;
    read.level = level;
    read.x = double(x), read.y = double(y), read.width = width, read.height = height;
    return session_.readPixels(read);
}

PluginImage WorkerSlide::readRegionAt(double micronsPerPixel, double x, double y, double width,
                                      double height) const {
    WorkerRead read;
    read.callId = callId_;
    read.resampled = true;
    read.micronsPerPixel = micronsPerPixel;
    read.x = x, read.y = y, read.width = width, read.height = height;
    return session_.readPixels(read);
}

} // namespace lamina

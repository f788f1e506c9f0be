#pragma once
// The PluginSlide a plugin sees inside its worker process: the geometry the host sent with the
// call, and pixels asked from the host through the session (coordinates as in PluginSlide:
// level-0 pixels). The host applies the same checks as in process, so a plugin cannot tell the
// difference.
// Thread-safety: as PluginSlide, every method from any thread.

#include <lamina/plugin/PluginSlide.h>
#include <lamina/pluginhost/PluginWorkerProtocol.h>

namespace lamina {

class WorkerSession;

class WorkerSlide : public PluginSlide {
public:
    WorkerSlide(WorkerSlideInfo info, uint64_t callId, WorkerSession& session);

    int levelCount() const override;
    int64_t levelWidth(int level) const override;
    int64_t levelHeight(int level) const override;
    double levelDownsample(int level) const override;
    std::optional<double> micronsPerPixel() const override;
    std::string slideId() const override;
    PluginImage readRegion(int level, int64_t x, int64_t y, int width, int height) const override;
    PluginImage readRegionAt(double micronsPerPixel, double x, double y, double width,
                             double height) const override;

private:
    const WorkerSlideInfo::Level& level(int index) const;

    WorkerSlideInfo info_;
    uint64_t callId_;
    WorkerSession& session_;
};

} // namespace lamina

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/pluginhost/PluginJob.h>

#include <algorithm>
#include <cmath>

namespace lamina {

PluginRunRequest requestInside(const PluginRunRequest& base, const AnnotationGeometry& area,
                               const std::string& annotationName) {
    if (!area.isArea())
        throw Error(ErrorKind::InvalidArgument, annotationName,
                    "is a " + shapeKindName(area.kind) + ", not an area");
    PluginRunRequest r = base;
    const auto b = area.bounds();
    r.x = b.minX, r.y = b.minY, r.width = b.maxX - b.minX, r.height = b.maxY - b.minY;
    r.outline.clear();
    for (const PointD& p : area.outline())
        r.outline.emplace_back(p.x, p.y);
    return r;
}

std::vector<PluginRunRequest> requestsPerTissuePiece(const PluginRunRequest& base,
                                                     const std::vector<PluginTileOutcome>& found) {
    std::vector<PluginRunRequest> requests;
    for (const PluginTileOutcome& o : found) {
        if (!o.result)
            continue;
        for (const PluginFeature& piece : o.result->features) {
            if (piece.shape != PluginFeature::Shape::Polygon)
                continue;
            PluginRunRequest r = base;
            double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
            for (const auto& [x, y] : piece.points) {
                minX = std::min(minX, x), minY = std::min(minY, y);
                maxX = std::max(maxX, x), maxY = std::max(maxY, y);
            }
            r.x = minX, r.y = minY, r.width = maxX - minX, r.height = maxY - minY;
            r.outline = piece.points;
            if (r.width > 0 && r.height > 0)
                requests.push_back(std::move(r));
        }
    }
    return requests;
}

PluginJob::PluginJob(const PluginEntry& entry, std::shared_ptr<const PluginSlide> slide,
                     std::vector<PluginRunRequest> requests, OnTile onTile, OnFinished onFinished,
                     const PluginEntry* tissueDetector)
    : slide_(std::move(slide)), onTile_(std::move(onTile)), onFinished_(std::move(onFinished)) {
    if (!entry.available())
        throw Error(ErrorKind::InvalidArgument, entry.file.toStdString(),
                    "the plugin is unavailable: " + entry.unavailableReason.toStdString());
    if (requests.empty() || (tissueDetector && requests.size() != 1))
        throw Error(ErrorKind::InvalidArgument, entry.description.id.toStdString(),
                    "a job needs one region to search for tissue, or at least one region");
    if (!tissueDetector)
        regionCount_ = requests.size();
    // Copies of the entries: the registry may go before the job (a window closing). Each run
    // owns its worker process; plugins loaded in process stay loaded for the process's life.
    thread_ = std::thread([this, plugin = entry,
                           tissue = tissueDetector ? std::optional(*tissueDetector) : std::nullopt,
                           r = std::move(requests)]() mutable {
        work(plugin, tissue ? &*tissue : nullptr, std::move(r));
    });
}

PluginJob::~PluginJob() {
    cancel();
    thread_.join();
}

void PluginJob::cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    if (current_)
        current_->cancel();
}

size_t PluginJob::tilesDone() const {
    std::lock_guard lock(mutex_);
    return tilesDoneBefore_ + (current_ ? current_->tilesDone() : 0);
}

size_t PluginJob::tileCount() const {
    std::lock_guard lock(mutex_);
    return tilesBefore_ + (current_ ? current_->tileCount() : 0);
}

void PluginJob::work(const PluginEntry& entry, const PluginEntry* tissueDetector,
                     std::vector<PluginRunRequest> requests) {
    PluginRun::State state = PluginRun::State::Finished;
    std::string error;
    // Runs one region to its end; false when the job must stop.
    const auto runRegion = [&](const PluginEntry& which, const PluginRunRequest& request,
                               const OnTile& tileSink,
                               std::vector<PluginTileOutcome>* outcomes) -> bool {
        std::shared_ptr<PluginRun> run;
        {
            std::lock_guard lock(mutex_);
            if (cancelled_) {
                state = PluginRun::State::Cancelled;
                return false;
            }
            try {
                run = std::make_shared<PluginRun>(which, slide_, request, tileSink);
            } catch (const std::exception& e) {
                state = PluginRun::State::Failed;
                error = e.what();
                return false;
            }
            current_ = run;
        }
        state = run->wait();
        error = run->error();
        if (outcomes)
            *outcomes = run->outcomes();
        std::lock_guard lock(mutex_);
        tilesDoneBefore_ += run->tilesDone();
        tilesBefore_ += run->tileCount();
        current_.reset();
        return state == PluginRun::State::Finished;
    };

    bool going = true;
    if (tissueDetector) {
        std::vector<PluginTileOutcome> found;
        PluginRunRequest search = requests.front();
        search.cache.reset(); // quick, and its parameters are not the user's
        try {
            search.parameters = tissueDetector->description.resolveParameters({});
        } catch (const std::exception& e) {
            state = PluginRun::State::Failed;
            error = e.what();
            going = false;
        }
        going = going && runRegion(*tissueDetector, search, {}, &found);
        if (going) {
            requests = requestsPerTissuePiece(requests.front(), found);
            regionCount_ = requests.size();
            if (requests.empty()) {
                state = PluginRun::State::Failed;
                error = "no tissue found on the slide";
                going = false;
            }
        }
    }
    for (size_t i = 0; going && i < requests.size(); ++i) {
        going = runRegion(entry, requests[i], onTile_, nullptr);
        if (going)
            ++regionsDone_;
    }
    if (state == PluginRun::State::Failed)
        logger().warn("plugin job {}: {}", entry.description.id.toStdString(), error);
    if (onFinished_)
        onFinished_(state, error);
}

} // namespace lamina

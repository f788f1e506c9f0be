#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/slide/dicom/DicomInstance.h>
#include <lamina/slide/dicomweb/DicomJson.h>
#include <lamina/slide/dicomweb/DicomWebUpload.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace lamina {
namespace {

// PS3.18 Table I.2-3 and PS3.4 C.4.2.1.4: what a STOW-RS failure code means.
std::string failureReason(int code) {
    switch (code) {
    case 0x0110:
        return "processing failure";
    case 0x0122:
        return "SOP class not supported";
    case 0x0124:
        return "not authorised";
    case 0xA700:
        return "out of resources: is the archive full?";
    case 0xA770:
        return "out of resources";
    case 0xA900:
        return "data set does not match its SOP class";
    case 0xC000:
        return "cannot understand";
    case 0xC122:
        return "referenced transfer syntax not supported";
    default:
        return fmt::format("failure code {:#06x}", code);
    }
}

struct Pending {
    std::filesystem::path file;
    std::string sopUid;
    uint64_t bytes = 0;
};

} // namespace

std::vector<std::filesystem::path> dicomFilesIn(const std::filesystem::path& folder) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw Error(ErrorKind::NotFound, folder.string(), "no such folder");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".dcm")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty())
        throw Error(ErrorKind::NotFound, folder.string(), "the folder holds no .dcm file");
    return files;
}

DicomWebUploadResult uploadToArchive(const DicomWebClient& client,
                                     const std::vector<std::filesystem::path>& files,
                                     const DicomWebUploadProgress& progress,
                                     uint64_t bytesPerRequest) {
    // Which series each file belongs to, from its header.
    std::map<std::pair<std::string, std::string>, std::vector<Pending>> bySeries;
    for (const auto& file : files) {
        const DicomInstance d = DicomInstance::read(file); // throws naming the file
        std::error_code ec;
        bySeries[{d.studyUid, d.seriesUid}].push_back(
            {file, d.sopInstanceUid, uint64_t(std::filesystem::file_size(file, ec))});
    }
    DicomWebUploadResult result;
    std::vector<Pending> toSend;
    for (auto& [series, pending] : bySeries) {
        const auto held = client.instancesInSeries(series.first, series.second);
        const std::set<std::string> there(held.begin(), held.end());
        for (auto& p : pending) {
            if (there.contains(p.sopUid))
                ++result.alreadyThere;
            else
                toSend.push_back(std::move(p));
        }
    }
    uint64_t total = 0;
    for (const auto& p : toSend)
        total += p.bytes;
    if (progress && !progress(0, total))
        throw Error(ErrorKind::Cancelled, client.serviceRoot(), "cancelled");
    std::vector<std::string> refusals;
    for (size_t first = 0; first < toSend.size();) {
        // Files up to the byte budget (at least one), in one request.
        size_t end = first;
        uint64_t bytes = 0;
        while (end < toSend.size() &&
               (end == first || bytes + toSend[end].bytes <= bytesPerRequest))
            bytes += toSend[end++].bytes;
        std::vector<std::filesystem::path> batch;
        for (size_t i = first; i < end; ++i)
            batch.push_back(toSend[i].file);
        const HttpAnswer answer = client.storeInstances(batch);
        const StowResult stow = parseStowResponse(
            {reinterpret_cast<const char*>(answer.body.data()), answer.body.size()},
            client.serviceRoot() + "/studies");
        std::map<std::string, int> failed(stow.failed.begin(), stow.failed.end());
        for (size_t i = first; i < end; ++i) {
            const auto f = failed.find(toSend[i].sopUid);
            if (f != failed.end() || (answer.status == 409 && stow.failed.empty()))
                refusals.push_back(
                    toSend[i].file.filename().string() + " (" +
                    (f != failed.end() ? failureReason(f->second) : std::string("refused")) + ")");
            else
                ++result.sent;
        }
        result.bytesSent += bytes;
        first = end;
        if (progress && !progress(result.bytesSent, total))
            throw Error(ErrorKind::Cancelled, client.serviceRoot(), "cancelled");
    }
    if (!refusals.empty()) {
        std::string list;
        for (const auto& r : refusals)
            list += (list.empty() ? "" : ", ") + r;
        throw Error(ErrorKind::Io, client.serviceRoot(),
                    fmt::format("the archive refused {} of {} instances: {}; {} stored (send "
                                "again to retry only the refused ones)",
                                refusals.size(), toSend.size(), list, result.sent));
    }
    return result;
}

} // namespace lamina

#include <lamina/core/ProcessResources.h>

#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace lamina {
namespace {

namespace fs = std::filesystem;

int countEntries(const fs::path& folder) {
    std::error_code ec;
    int count = 0;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        ++count;
    return count;
}

} // namespace

uint64_t residentBytesOf(int pid) {
    std::ifstream statm("/proc/" + (pid ? std::to_string(pid) : std::string("self")) + "/statm");
    uint64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * uint64_t(::sysconf(_SC_PAGESIZE));
}

ProcessResources sampleProcessResources(int pid) {
    const int self = pid ? pid : int(::getpid());
    const fs::path proc = fs::path("/proc") / std::to_string(self);
    ProcessResources r;
    r.residentBytes = residentBytesOf(self);
    r.threads = countEntries(proc / "task");
    // The iterator's own descriptor is counted too when pid is this process; it is the same
    // one at every sample, so differences between samples are exact.
    r.openFiles = countEntries(proc / "fd");
    // Children: every process whose parent is `self` (/proc/PID/stat: "pid (comm) S ppid").
    std::error_code ec;
    for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0])))
            continue;
        std::ifstream stat(it->path() / "stat");
        std::string line;
        if (!std::getline(stat, line))
            continue;
        const size_t close = line.rfind(')'); // the command name may hold spaces and ')'
        if (close == std::string::npos || close + 4 > line.size())
            continue;
        const char state = line[close + 2];
        const int parent = std::atoi(line.c_str() + close + 4);
        if (parent != self)
            continue;
        if (state == 'Z')
            ++r.zombieChildren;
        else
            ++r.childProcesses;
    }
    return r;
}

} // namespace lamina

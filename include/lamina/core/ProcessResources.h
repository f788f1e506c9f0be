#pragma once
// What a process holds right now, read from Linux's /proc: resident memory, threads, open file
// descriptors and child processes (running and zombie). The soak bench samples it to find
// leaks; the plugin host watches a worker's resident memory with it. Outside Linux every count
// is 0. Thread-safety: free functions, safe from any thread (they only read /proc).

#include <cstdint>

namespace lamina {

struct ProcessResources {
    uint64_t residentBytes = 0;
    int threads = 0;
    int openFiles = 0;      // file descriptors, sockets and pipes included
    int childProcesses = 0; // direct children still running
    int zombieChildren = 0; // direct children that exited and were never waited for
};

// `pid` 0 = this process.
ProcessResources sampleProcessResources(int pid = 0);
// Cheaper: only the resident memory (one small read). 0 when the process is gone.
uint64_t residentBytesOf(int pid);

} // namespace lamina

#include <lamina/core/PixelMemory.h>

#include <sys/mman.h>

#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <string_view>
#include <unordered_map>
#include <vector>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define LAMINA_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                         \
    __has_feature(memory_sanitizer)
#define LAMINA_SANITIZED 1
#endif
#endif

namespace lamina {
namespace {

constexpr size_t kSmallest = size_t(64) << 10;
constexpr size_t kLargest = size_t(1) << 20;
constexpr size_t kGranule = size_t(16) << 10;
constexpr size_t kNotOpen = ~size_t(0);

size_t classOf(size_t bytes) {
    return (bytes + kGranule - 1) / kGranule * kGranule;
}

// One 2 MiB-aligned mapping cut into slots of one size class.
struct Chunk {
    std::byte* base = nullptr;
    size_t slotBytes = 0;
    uint32_t slotCount = 0;
    uint32_t used = 0;
    uint32_t neverUsed = 0;      // the last `neverUsed` slots were never handed out
    std::vector<void*> freed;    // released slots, reused first (their pages are resident)
    size_t openIndex = kNotOpen; // position in its class's `open` list
};

struct Pool {
    Pool() {
#ifdef LAMINA_SANITIZED
        enabled = false;
#else
        const char* choice = std::getenv("LAMINA_TILE_MEMORY");
        enabled = !(choice && std::string_view(choice) == "malloc");
#endif
    }

    // Under mutex.
    void open(std::vector<Chunk*>& list, Chunk* chunk) {
        chunk->openIndex = list.size();
        list.push_back(chunk);
    }
    void close(std::vector<Chunk*>& list, Chunk* chunk) {
        list[chunk->openIndex] = list.back();
        list[chunk->openIndex]->openIndex = chunk->openIndex;
        list.pop_back();
        chunk->openIndex = kNotOpen;
    }

    Chunk* map(size_t slotBytes) {
        const size_t k = PixelMemory::kChunkBytes;
        void* raw =
            ::mmap(nullptr, 2 * k, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (raw == MAP_FAILED)
            throw std::bad_alloc();
        // Keep the 2 MiB-aligned middle: a huge page needs that alignment, and a slot's chunk
        // is then found by masking its address.
        const auto start = reinterpret_cast<uintptr_t>(raw);
        const uintptr_t aligned = (start + k - 1) & ~(k - 1);
        if (aligned > start)
            ::munmap(raw, aligned - start);
        if (const size_t tail = start + 2 * k - (aligned + k))
            ::munmap(reinterpret_cast<void*>(aligned + k), tail);
        auto* base = reinterpret_cast<std::byte*>(aligned);
        if (::madvise(base, k, MADV_HUGEPAGE) == 0)
            stats.hugePagesAdvised = true;
        auto chunk = std::make_unique<Chunk>();
        chunk->base = base;
        chunk->slotBytes = slotBytes;
        chunk->slotCount = uint32_t(k / slotBytes);
        chunk->neverUsed = chunk->slotCount;
        Chunk* c = chunk.get();
        chunks.emplace(aligned, std::move(chunk));
        open(openBySize[slotBytes], c);
        wholeFreeBytes += k;
        ++stats.chunks;
        return c;
    }

    void unmap(Chunk* chunk) {
        close(openBySize[chunk->slotBytes], chunk);
        ::munmap(chunk->base, PixelMemory::kChunkBytes);
        wholeFreeBytes -= PixelMemory::kChunkBytes;
        --stats.chunks;
        chunks.erase(reinterpret_cast<uintptr_t>(chunk->base));
    }

    bool enabled = true;
    std::mutex mutex;
    std::unordered_map<uintptr_t, std::unique_ptr<Chunk>> chunks; // by base address
    std::unordered_map<size_t, std::vector<Chunk*>> openBySize;   // chunks with a free slot
    size_t wholeFreeBytes = 0; // chunks none of whose slots is in use
    size_t retained = size_t(64) << 20;
    PixelMemory::Stats stats;
};

// Never destroyed: images in static storage may be released after any destructor would run.
template <class T>
union NoDestructor {
    T value;
    NoDestructor() : value() {}
    ~NoDestructor() {}
};

Pool& pool() {
    static NoDestructor<Pool> instance;
    return instance.value;
}

} // namespace

bool PixelMemory::pooled(size_t bytes) {
    return bytes >= kSmallest && bytes <= kLargest && pool().enabled;
}

void* PixelMemory::allocate(size_t bytes) {
    if (!pooled(bytes))
        return ::operator new(bytes);
    Pool& p = pool();
    const size_t slotBytes = classOf(bytes);
    std::lock_guard lock(p.mutex);
    std::vector<Chunk*>& open = p.openBySize[slotBytes];
    Chunk* chunk = open.empty() ? p.map(slotBytes) : open.back();
    void* slot;
    if (!chunk->freed.empty()) {
        slot = chunk->freed.back();
        chunk->freed.pop_back();
        ++p.stats.reuses;
    } else {
        slot = chunk->base + size_t(chunk->slotCount - chunk->neverUsed) * slotBytes;
        --chunk->neverUsed;
    }
    if (chunk->used++ == 0)
        p.wholeFreeBytes -= kChunkBytes;
    if (chunk->used == chunk->slotCount)
        p.close(open, chunk);
    ++p.stats.allocations;
    p.stats.bytesInUse += slotBytes;
    return slot;
}

void PixelMemory::release(void* slot, size_t bytes) noexcept {
    if (!slot)
        return;
    if (!pooled(bytes)) {
        ::operator delete(slot);
        return;
    }
    Pool& p = pool();
    std::lock_guard lock(p.mutex);
    const auto it = p.chunks.find(reinterpret_cast<uintptr_t>(slot) & ~(kChunkBytes - 1));
    if (it == p.chunks.end() || it->second->slotBytes != classOf(bytes))
        std::terminate(); // not ours, or released with another size: memory is already wrong
    Chunk* chunk = it->second.get();
    if (chunk->used == chunk->slotCount)
        p.open(p.openBySize[chunk->slotBytes], chunk);
    chunk->freed.push_back(slot);
    p.stats.bytesInUse -= chunk->slotBytes;
    if (--chunk->used == 0) {
        p.wholeFreeBytes += kChunkBytes;
        if (p.wholeFreeBytes > p.retained)
            p.unmap(chunk);
    }
}

size_t PixelMemory::retainedFreeBytes() {
    std::lock_guard lock(pool().mutex);
    return pool().retained;
}

void PixelMemory::setRetainedFreeBytes(size_t bytes) {
    std::lock_guard lock(pool().mutex);
    pool().retained = bytes;
}

PixelMemory::Stats PixelMemory::stats() {
    std::lock_guard lock(pool().mutex);
    return pool().stats;
}

} // namespace lamina

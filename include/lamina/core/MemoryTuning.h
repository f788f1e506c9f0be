#pragma once
// Process-wide allocator settings for a program that churns through tile-sized buffers.
// glibc serves blocks above its mmap threshold (128 KiB at start; a 256² tile is 256 KiB)
// with a fresh mmap each time and trims freed heap eagerly, so every decoded tile paid for
// page faults and kernel page clearing: about a quarter of the tile loader's CPU time in
// `perf`. Fixing the threshold above tile size and trimming only large surpluses keeps tile
// memory in the heap for reuse. The tile cache still bounds how much is in use.
// Call once at the start of main(), before threads start. No effect outside glibc.
// Thread-safety: call before any other thread exists.

namespace lamina {

// `largestBuffer`: blocks up to this size come from the heap (the plugin worker passes more:
// a plugin's tile of pixels or raster values is several MiB, received and freed every tile).
void tuneAllocatorForTiles(int largestBuffer = 4 << 20);

} // namespace lamina

// Without libFuzzer (GCC builds: dev, ASan): runs a fuzz target over every file of the folders
// given (its regression inputs and seeds), so each build checks that nothing once found comes
// back. Prints how many inputs ran. A folder that does not exist is skipped (a target without
// regression inputs yet); no input at all fails.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
    size_t inputs = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path folder = argv[i];
        if (!std::filesystem::is_directory(folder)) {
            std::printf("%s: no such folder, skipped\n", argv[i]);
            continue;
        }
        for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
            if (!entry.is_regular_file())
                continue;
            std::ifstream in(entry.path(), std::ios::binary);
            const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
            LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
            ++inputs;
        }
    }
    std::printf("%zu inputs ran clean\n", inputs);
    return inputs > 0 ? 0 : 2;
}

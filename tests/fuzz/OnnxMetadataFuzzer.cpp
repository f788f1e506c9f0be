// The ONNX classifier plugin's walk over a model file's top-level protobuf fields.
#include "FuzzSupport.h"
#include "OnnxMetadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto path = lamina::fuzz::asFile({data, size}, ".onnx");
    lamina::fuzz::refusalsAreFine([&] { lamina::readOnnxMetadata(path.string()); });
    return 0;
}

#pragma once
// The metadata_props of an ONNX model (ModelProto field 14: key/value strings), read straight
// from the protobuf wire format: OpenCV's DNN module loads the network but not its metadata.
// Only the top level of the file is walked; the graph (weights included) is skipped by its
// length without being read. A model's author can put the settings of the ONNX tile
// classifier there (input_size, resolution, channels, mean, std, class_names, softmax), so
// users need not type them.
// Thread-safety: a stateless function.

#include <map>
#include <string>

namespace lamina {

// Throws std::runtime_error naming the file when it cannot be read or its top level is not
// well-formed protobuf (truncated, lengths beyond the end, field number 0, unknown wire type).
std::map<std::string, std::string> readOnnxMetadata(const std::string& path);

} // namespace lamina

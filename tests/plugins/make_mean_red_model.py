#!/usr/bin/python3
"""Writes a tiny ONNX classifier with known weights (python3-onnx), for the ONNX plugin tests.

Usage: make_mean_red_model.py OUT.onnx INPUT_SIZE [KEY=VALUE ...]
KEY=VALUE pairs go into the model's metadata_props (the settings the ONNX plugin reads).
Input "image": float [1, 3, S, S] (RGB, 0..1). The model averages each channel over the
image and scores two classes: logits = [8 r - 4, 0] with r the mean red, then softmax, so
P(class 0, "red") = 1 / (1 + exp(4 - 8 r)): 0.5 for r = 0.5, near 1 for red tiles.
"""
import sys

import onnx
from onnx import TensorProto, helper

out, size = sys.argv[1], int(sys.argv[2])
weights = helper.make_tensor("W", TensorProto.FLOAT, [2, 3], [8, 0, 0, 0, 0, 0])  # transposed
bias = helper.make_tensor("B", TensorProto.FLOAT, [2], [-4, 0])
nodes = [
    helper.make_node("ReduceMean", ["image"], ["means"], axes=[2, 3], keepdims=0),
    helper.make_node("Gemm", ["means", "W", "B"], ["logits"], transB=1),
    helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
]
graph = helper.make_graph(
    nodes, "mean_red",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 3, size, size])],
    [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [1, 2])],
    initializer=[weights, bias])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                          producer_name="lamina-tests")
for pair in sys.argv[3:]:
    key, _, value = pair.partition("=")
    entry = model.metadata_props.add()
    entry.key, entry.value = key, value
onnx.checker.check_model(model)
onnx.save(model, out)

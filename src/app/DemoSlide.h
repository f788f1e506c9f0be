#pragma once
// The demo slide: a synthetic H&E-like slide written once into the user's data folder
// (~/.local/share/Lamina/demo-tissue.svs on Linux), the same file `scripts/lamina run` makes.
// Thread-safety: path() anywhere; write() blocks and may run on any thread.

#include <QString>

#include <functional>

namespace lamina::DemoSlide {

QString path();
bool exists();
// Writes it (about 10 s on two cores). Throws lamina::Error on failure.
void write(const std::function<void(double)>& progress = {});

} // namespace lamina::DemoSlide

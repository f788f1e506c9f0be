// The plugin host's test program: one QCoreApplication for every test (QPluginLoader and
// QStandardPaths want one).
#include "QtApplicationEnvironment.h"

namespace {

[[maybe_unused]] const auto* const kQtApplication =
    ::testing::AddGlobalTestEnvironment(new lamina::test::QtApplicationEnvironment);

} // namespace

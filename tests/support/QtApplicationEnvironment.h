#pragma once
// A QCoreApplication for the whole GoogleTest process (QtNetwork, QPluginLoader and
// QStandardPaths want one). Include once per test program and register it:
//   [[maybe_unused]] const auto* const kQtApplication =
//       ::testing::AddGlobalTestEnvironment(new lamina::test::QtApplicationEnvironment);

#include <gtest/gtest.h>

#include <QCoreApplication>

#include <memory>

namespace lamina::test {

class QtApplicationEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        static int argc = 1;
        static char name[] = "lamina_tests";
        static char* argv[] = {name, nullptr};
        app_ = std::make_unique<QCoreApplication>(argc, argv);
    }
    void TearDown() override { app_.reset(); }

private:
    std::unique_ptr<QCoreApplication> app_;
};

} // namespace lamina::test

// Discovery lists good and broken plugins with the reason and goes on; parameters are checked
// against the metadata.

#include "PluginHostTestSupport.h"

using namespace lamina;
using namespace lamina::pluginhost_test;
using namespace std::chrono;

TEST(PluginRegistry, ListsGoodAndBrokenPluginsWithTheReasonAndGoesOn) {
    const PluginEntry* tissue = entryFor(QStringLiteral("tissue-detection"));
    ASSERT_TRUE(tissue);
    EXPECT_TRUE(tissue->available());
    EXPECT_EQ(tissue->description.parameters.size(), 5u);
    const PluginEntry* behaviour = entryFor(QStringLiteral("test-behaviour"));
    ASSERT_TRUE(behaviour && behaviour->available());
    const PluginEntry* otherSdk = entryFor(QStringLiteral("OtherSdkPlugin"));
    ASSERT_TRUE(otherSdk);
    EXPECT_FALSE(otherSdk->available());
    EXPECT_TRUE(otherSdk->unavailableReason.contains(QStringLiteral("SDK 99")))
        << otherSdk->unavailableReason.toStdString();
    const PluginEntry* bad = entryFor(QStringLiteral("BadMetadataPlugin"));
    ASSERT_TRUE(bad);
    EXPECT_FALSE(bad->available());
    EXPECT_TRUE(bad->unavailableReason.contains(QStringLiteral("\"version\"")))
        << bad->unavailableReason.toStdString();
    std::string what;
    EXPECT_EQ(kindOf([] { registry().find(QStringLiteral("no-such")); }, &what),
              ErrorKind::NotFound);
    EXPECT_NE(what.find("tissue-detection"), std::string::npos) << what;
    EXPECT_EQ(kindOf([] { registry().find(QStringLiteral("test-other-sdk")); }, &what),
              ErrorKind::UnsupportedFormat);
    EXPECT_NE(what.find("SDK 99"), std::string::npos) << what;
}

TEST(PluginRegistry, FilesThatAreNotPluginsAreListedUnavailable) {
    test::TempDir dir;
    { std::ofstream(dir / "libnot-a-plugin.so") << "ELF? no."; }
    PluginRegistry r;
    r.discover({QString::fromStdString(dir.path().string())});
    ASSERT_EQ(r.plugins().size(), 1u);
    EXPECT_FALSE(r.plugins()[0].available());
    EXPECT_FALSE(r.plugins()[0].unavailableReason.isEmpty());
}

TEST(PluginRegistry, FoldersAndPluginFilesEveryUserMayWriteToAreRefused) {
    test::TempDir dir;
    const auto source =
        std::filesystem::path(entryFor(QStringLiteral("test-behaviour"))->file.toStdString());
    const auto copy = dir / source.filename();
    std::filesystem::copy_file(source, copy);
    using std::filesystem::perms;
    std::filesystem::permissions(copy, perms::others_write, std::filesystem::perm_options::add);
    PluginRegistry r;
    r.discover({QString::fromStdString(dir.path().string())});
    ASSERT_EQ(r.plugins().size(), 1u);
    EXPECT_FALSE(r.plugins()[0].available());
    EXPECT_TRUE(r.plugins()[0].unavailableReason.contains(QStringLiteral("writable by every user")))
        << r.plugins()[0].unavailableReason.toStdString();
    // The same plugin in a folder every user may write to: not even listed.
    std::filesystem::permissions(copy, perms::others_write, std::filesystem::perm_options::remove);
    std::filesystem::permissions(dir.path(), perms::others_write,
                                 std::filesystem::perm_options::add);
    PluginRegistry open;
    open.discover({QString::fromStdString(dir.path().string())});
    EXPECT_TRUE(open.plugins().empty());
    std::filesystem::permissions(dir.path(), perms::others_write,
                                 std::filesystem::perm_options::remove);
}

TEST(PluginParameters, DefaultsApplyAndBadValuesAreRefusedNamingTheParameter) {
    const PluginDescription& d = entryFor(QStringLiteral("tissue-detection"))->description;
    const QVariantMap defaults = d.resolveParameters({});
    EXPECT_EQ(defaults.value(QStringLiteral("resolution")).toDouble(), 8.0);
    EXPECT_EQ(defaults.value(QStringLiteral("threshold")).toString(), QStringLiteral("otsu"));
    EXPECT_EQ(d.resolveParameters({{"saturation", "42"}}).value(QStringLiteral("saturation")),
              QVariant(qlonglong(42)));
    std::string what;
    for (const auto& [given, needle] :
         std::vector<std::pair<std::map<std::string, std::string>, std::string>>{
             {{{"resolution", "0.5"}}, "resolution"},
             {{{"resolution", "fast"}}, "not a number"},
             {{{"saturation", "2.5"}}, "whole number"},
             {{{"threshold", "magic"}}, "otsu, fixed"},
             {{{"colour", "red"}}, "not a parameter"}}) {
        EXPECT_EQ(kindOf([&] { d.resolveParameters(given); }, &what), ErrorKind::InvalidArgument);
        EXPECT_NE(what.find(needle), std::string::npos) << what;
    }
    EXPECT_EQ(kindOf(
                  [] {
                      PluginDescription::parse(QJsonDocument::fromJson(R"({"id":"x","name":"y",
                      "version":"1","sdkVersion":1,"parameters":[{"name":"p","type":"colour",
                      "default":1}]})")
                                                   .object());
                  },
                  &what),
              ErrorKind::InvalidArgument);
    EXPECT_NE(what.find("unknown type"), std::string::npos) << what;
    // "enabledWhen" must name a choice or bool parameter of the plugin.
    for (const char* bad :
         {R"({"missing": "x"})", R"({"q": "x"})", R"("fixed")", R"({"t": "a", "q": "b"})"}) {
        const QByteArray json = QByteArray(R"({"id":"x","name":"y","version":"1","sdkVersion":1,
            "parameters":[{"name":"t","type":"choice","choices":["a","b"],"default":"a"},
                          {"name":"q","type":"number","default":1,"enabledWhen":)") +
                                bad + "}]}";
        EXPECT_EQ(kindOf([&] { PluginDescription::parse(QJsonDocument::fromJson(json).object()); },
                         &what),
                  ErrorKind::InvalidArgument)
            << bad;
        EXPECT_NE(what.find("enabledWhen"), std::string::npos) << what;
    }
    const PluginDescription tissue = PluginDescription::parse(
        QJsonDocument::fromJson(R"({"id":"x","name":"y","version":"1","sdkVersion":1,
            "parameters":[{"name":"t","type":"choice","choices":["a","b"],"default":"a"},
                          {"name":"q","type":"number","default":1,"enabledWhen":{"t":["b"]}}]})")
            .object());
    EXPECT_EQ(tissue.parameters[1].enabledWhenParameter, QStringLiteral("t"));
    EXPECT_EQ(tissue.parameters[1].enabledWhenValues, QStringList{QStringLiteral("b")});
}

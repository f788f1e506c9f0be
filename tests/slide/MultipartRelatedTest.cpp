// The multipart/related parser for WADO-RS answers: well-formed bodies (quoted or bare
// boundary, preamble, epilogue, binary parts containing CR/LF and look-alike boundaries) and
// hostile ones (no boundary, truncated, headers without end, too many parts), each refused
// naming the source and the offset.

#include "dicomweb/MultipartRelated.h"

#include <lamina/core/Error.h>

#include <gtest/gtest.h>

using namespace lamina;

namespace {

std::span<const uint8_t> bytes(const std::string& s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::string text(std::span<const uint8_t> b) {
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

void expectRefused(const std::string& body, const std::string& contentType,
                   const std::string& words, size_t maxParts = 100000) {
    try {
        parseMultipartRelated(bytes(body), contentType, "http://archive/frames", maxParts);
        ADD_FAILURE() << "accepted: " << words;
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
        EXPECT_NE(std::string(e.what()).find("http://archive/frames"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
}

const std::string kType = R"(multipart/related; type="application/octet-stream"; boundary=XyZ)";

} // namespace

TEST(MultipartRelated, SplitsFramesKeepingBinaryBytesExactly) {
    // CR, LF and "--XyZ" inside a frame, but never CRLF "--XyZ" (which RFC 2046 forbids there).
    const std::string frame1 = std::string("\xFF\xD8\r\n-XyZ\n--XyZ--XyZ\x00\x01", 20);
    const std::string body = "preamble to ignore\r\n--XyZ\r\nContent-Type: image/jpeg\r\n"
                             "Content-Location: /frames/1\r\n\r\n" +
                             frame1 +
                             "\r\n--XyZ\r\ncontent-type:   application/octet-stream  \r\n\r\n" +
                             "two" + "\r\n--XyZ--\r\nepilogue";
    const auto parts = parseMultipartRelated(bytes(body), kType, "src");
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(text(parts[0].body), frame1);
    EXPECT_EQ(parts[0].headers.at("content-type"), "image/jpeg");
    EXPECT_EQ(parts[0].headers.at("content-location"), "/frames/1");
    EXPECT_EQ(text(parts[1].body), "two");
    EXPECT_EQ(parts[1].headers.at("content-type"), "application/octet-stream");
}

TEST(MultipartRelated, BoundaryMayBeQuotedAndTheBodyMayStartWithIt) {
    const std::string body = "--a b\r\n\r\nonly\r\n--a b--";
    const auto parts =
        parseMultipartRelated(bytes(body), R"(Multipart/Related; boundary="a b")", "src");
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(text(parts[0].body), "only");
    EXPECT_TRUE(parts[0].headers.empty());
    EXPECT_EQ(multipartBoundary("multipart/related;boundary=plain;type=x", "s"), "plain");
}

TEST(MultipartRelated, HostileBodiesAreRefusedNamingTheSourceAndWhere) {
    expectRefused("x", "application/dicom+json", "expected a multipart/related");
    expectRefused("x", "multipart/related; type=x", "no valid boundary");
    expectRefused("x", "multipart/related; boundary=" + std::string(71, 'b'), "no valid boundary");
    expectRefused("no delimiter at all", kType, "no boundary");
    expectRefused("--XyZ\r\nContent-Type: a\r\n\r\ntruncated frame", kType,
                  "without a closing boundary");
    expectRefused("--XyZ\r\nContent-Type: a" + std::string(20000, 'x'), kType,
                  "headers without an end");
    expectRefused("--XyZ\r\n: nameless\r\n\r\nx\r\n--XyZ--", kType, "without a name");
    expectRefused("--XyZjunk", kType, "no line break");
    std::string many = "--XyZ";
    for (int i = 0; i < 5; ++i)
        many += "\r\n\r\np\r\n--XyZ";
    many += "--";
    expectRefused(many, kType, "more than 3 parts", 3);
    EXPECT_EQ(parseMultipartRelated(bytes(many), kType, "src").size(), 5u);
}

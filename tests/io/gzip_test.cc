/** @file
 *  @brief Tests of reading gzip-compressed sources (common/src/io/gzip.cc).
 */
#include "io/gzip.h"

#include <doctest/doctest.h>
#include <zlib.h>

#include <fstream>
#include <iterator>
#include <string>

#include "fahras/error.h"
#include "temp_dir.h"

namespace {

/** @p text gzip-compressed, as gzip(1) writes it. */
std::string gzip(const std::string& text) {
    z_stream z{};
    // windowBits 15 + 16: a gzip header and trailer rather than zlib's.
    REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) ==
            Z_OK);
    std::string out(deflateBound(&z, text.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

void write(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

/** Everything @p path reads as, through open_maybe_gzipped. */
std::string read_all(const std::filesystem::path& path) {
    const auto in = fahras::detail::open_maybe_gzipped(path, path.filename().string());
    return {std::istreambuf_iterator<char>(*in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("a .gz name is read decompressed and goes by the name without .gz") {
    using fahras::detail::without_gzip;
    CHECK(fahras::detail::is_gzip_name("news.jsonl.gz"));
    CHECK_FALSE(fahras::detail::is_gzip_name("news.jsonl"));
    CHECK_FALSE(fahras::detail::is_gzip_name("news.gzip"));
    CHECK(without_gzip("dir/news.jsonl.gz") == std::filesystem::path("dir/news.jsonl"));
    CHECK(without_gzip("a.txt") == std::filesystem::path("a.txt"));

    const fahras::test::TempDir dir;
    const std::string text = "سطر أول\nسطر ثان\n";
    write(dir.path() / "a.txt.gz", gzip(text));
    CHECK(read_all(dir.path() / "a.txt.gz") == text);
    // Two members one after the other (cat a.gz b.gz) are one stream, as for gzip -d.
    write(dir.path() / "two.txt.gz", gzip("أ\n") + gzip("ب\n"));
    CHECK(read_all(dir.path() / "two.txt.gz") == "أ\nب\n");
    // A file named .gz that is not gzip data is read as it is (zlib's transparent mode).
    write(dir.path() / "plain.txt.gz", text);
    CHECK(read_all(dir.path() / "plain.txt.gz") == text);
    write(dir.path() / "a.txt", text);
    CHECK(read_all(dir.path() / "a.txt") == text);
}

TEST_CASE("a damaged .gz throws InputError naming the line reached") {
    const fahras::test::TempDir dir;
    const std::string whole = gzip("{\"id\":\"1\"}\n{\"id\":\"2\"}\n{\"id\":\"3\"}\n");
    SUBCASE("cut off: the 8-byte trailer (CRC-32 and length) missing") {
        write(dir.path() / "cut.jsonl.gz", whole.substr(0, whole.size() - 8));
        const auto in =
            fahras::detail::open_maybe_gzipped(dir.path() / "cut.jsonl.gz", "cut.jsonl.gz");
        std::string line;
        for (int i = 0; i < 3; ++i) REQUIRE(std::getline(*in, line));
        CHECK(line == "{\"id\":\"3\"}");
        CHECK_THROWS_WITH_AS(std::getline(*in, line),
                             "'cut.jsonl.gz' line 4: damaged gzip data (unexpected end of file), "
                             "the rest of the file skipped",
                             fahras::InputError);
    }
    SUBCASE("a wrong checksum: the data of the read that checks it is not handed on") {
        std::string bad = whole;
        bad[bad.size() - 8] = static_cast<char>(bad[bad.size() - 8] ^ 0xFF);  // CRC-32's 1st byte
        write(dir.path() / "bad.jsonl.gz", bad);
        CHECK_THROWS_WITH_AS(read_all(dir.path() / "bad.jsonl.gz"),
                             "'bad.jsonl.gz' line 1: damaged gzip data (incorrect data check), "
                             "the rest of the file skipped",
                             fahras::InputError);
    }
    SUBCASE("missing") {
        CHECK_THROWS_WITH_AS(read_all(dir.path() / "none.jsonl.gz"),
                             "'none.jsonl.gz': cannot read: No such file or directory",
                             fahras::InputError);
    }
}

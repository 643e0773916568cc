/** @file
 *  @brief Internal: reading a file whether or not it is gzip-compressed (`news.jsonl.gz`),
 *  through zlib.
 */
#include "io/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

#include "fahras/error.h"

namespace fahras::detail {

namespace {

/** A stream buffer over a gzFile: zlib reads and inflates (gzip headers, CRC and length
 *  checks, concatenated members), this hands the bytes on and turns zlib's errors into
 *  InputError naming the line reached. */
class GzipBuf : public std::streambuf {
  public:
    GzipBuf(gzFile file, std::string path, std::string shown)
        : file_(file), path_(std::move(path)), shown_(std::move(shown)) {}
    ~GzipBuf() override { gzclose(file_); }
    GzipBuf(const GzipBuf&) = delete;
    GzipBuf& operator=(const GzipBuf&) = delete;

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        // Called only once the reader has taken every byte given so far.
        lines_ += static_cast<std::size_t>(std::count(eback(), egptr(), '\n'));
        const int got = gzread(file_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
        int status = Z_OK;
        const char* reason = gzerror(file_, &status);
        // A cut-off file is no error to gzread (Z_BUF_ERROR: it returns what it had, then 0).
        if (got < 0 || (got == 0 && status != Z_OK)) {
            std::string why = status == Z_ERRNO ? std::strerror(errno) : reason;
            // zlib writes "PATH: reason"; the warning names the file already.
            if (why.starts_with(path_ + ": ")) why.erase(0, path_.size() + 2);
            throw InputError(shown_, lines_ + 1,
                             "damaged gzip data (" + why + "), the rest of the file skipped");
        }
        if (got == 0) return traits_type::eof();
        setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
        return traits_type::to_int_type(*gptr());
    }

  private:
    gzFile file_;
    std::string path_;  ///< as zlib was given it
    std::string shown_;
    std::size_t lines_ = 0;  ///< line breaks handed on before the current buffer
    std::array<char, 1 << 16> buffer_{};
};

/** An istream that owns its GzipBuf. */
class GzipStream : public std::istream {
  public:
    GzipStream(gzFile file, std::string path, std::string shown)
        : std::istream(nullptr), buf_(file, std::move(path), std::move(shown)) {
        rdbuf(&buf_);
        // The InputError thrown by GzipBuf leaves the reader instead of becoming badbit.
        exceptions(std::ios::badbit);
    }

  private:
    GzipBuf buf_;
};

}  // namespace

bool is_gzip_name(const std::filesystem::path& path) { return path.extension() == ".gz"; }

std::filesystem::path without_gzip(const std::filesystem::path& path) {
    return is_gzip_name(path) ? path.parent_path() / path.stem() : path;
}

std::unique_ptr<std::istream> open_maybe_gzipped(const std::filesystem::path& path,
                                                 const std::string& shown) {
    if (!is_gzip_name(path)) {
        auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
        if (!*in) throw InputError(shown, 0, std::string("cannot read: ") + std::strerror(errno));
        return in;
    }
    errno = 0;
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) {
        throw InputError(
            shown, 0,
            std::string("cannot read: ") + (errno != 0 ? std::strerror(errno) : "out of memory"));
    }
    gzbuffer(file, 1 << 17);  // zlib's input buffer: 128 KiB of compressed data a read
    return std::make_unique<GzipStream>(file, path.string(), shown);
}

}  // namespace fahras::detail

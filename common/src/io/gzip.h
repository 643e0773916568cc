/** @file
 *  @brief Internal: reading a file whether or not it is gzip-compressed (`news.jsonl.gz`),
 *  through zlib.
 */
#pragma once

#include <filesystem>
#include <istream>
#include <memory>
#include <string>

namespace fahras::detail {

/** True if @p path's name ends in `.gz` (`news.jsonl.gz`, `a.txt.gz`). */
[[nodiscard]] bool is_gzip_name(const std::filesystem::path& path);

/** The name a reader goes by: @p path without a final `.gz` (`news.jsonl.gz` is read as
 *  JSONL), else @p path. */
[[nodiscard]] std::filesystem::path without_gzip(const std::filesystem::path& path);

/** Opens @p path for reading in binary: decompressed by zlib when its name ends in `.gz`
 *  (gzip data; a file so named that is not gzip data is read as it is), a plain file
 *  stream otherwise.
 *
 *  Reading a damaged or cut-off gzip file throws, from the read that meets the damage,
 *  fahras::InputError(@p shown, N, "damaged gzip data (ZLIB'S REASON), the rest of the
 *  file skipped"), N being the line reached (1 + the line breaks handed on before it; zlib
 *  hands on nothing of a read whose data fails its checks, up to 64 KiB): the
 *  stream's exceptions() include badbit, so that the error leaves the reader, whose
 *  documents before it are already handed on.
 *  @param shown  the file as the user named it, for messages.
 *  @throws fahras::InputError(@p shown, 0, "cannot read: REASON") if it cannot be opened. */
[[nodiscard]] std::unique_ptr<std::istream> open_maybe_gzipped(const std::filesystem::path& path,
                                                               const std::string& shown);

}  // namespace fahras::detail

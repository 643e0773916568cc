/** @file
 *  @brief Internal: how a file's bytes become UTF-8: byte-order marks, a charset given or
 *  detected (ICU), and where a part of a long file may end.
 */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "fahras/corpus.h"
#include "io/readers.h"

namespace fahras::detail {

/** How one file's bytes become UTF-8: decided once, from its first part. */
struct Decoding {
    std::string encoding;  ///< empty: UTF-8
    std::size_t skip = 0;  ///< byte-order mark length
    bool utf16 = false;
};

/** The decoding of a file that begins with @p head: by its byte-order mark, else
 *  ReadOptions::encoding, else UTF-8 (decode() may detect a legacy charset). */
[[nodiscard]] Decoding choose_decoding(std::string_view head, const ReadOptions& options);

/** Bytes of a part of a file turned into valid UTF-8; problems are warned about, naming
 *  @p shown, with byte offsets counted from the start of the file (@p offset is the part's).
 *  The first part of a file that is not UTF-8 sets @p decoding to the Arabic legacy charset
 *  ICU's detector finds, if any.
 *  @throws fahras::Error if the encoding is not a known one. */
[[nodiscard]] std::string decode(std::string_view bytes, Decoding& decoding, FileKind kind,
                                 std::size_t offset, const std::string& shown,
                                 const WarningSink& on_warning);

/** Where to end a part of @p bytes (more follow): after its last line end if it has one,
 *  else at a character boundary. */
[[nodiscard]] std::size_t part_end(std::string_view bytes, const Decoding& decoding);

}  // namespace fahras::detail

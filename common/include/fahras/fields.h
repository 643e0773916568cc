/** @file
 *  @brief What fahras makes of a document's fields: the day of its date, the key of its source
 *  name (UTF-8 in and out).
 */
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fahras {

/** The calendar day of a document's date: `YYYY-MM-DD` if @p date begins with a valid ISO
 *  8601 calendar date (`2015-07-21`, `2015-07-21 02:51:32`, `2017-01-20T21:43:00+01:00`),
 *  else nullopt (`Sun, 18 Feb 2018`, `17/05/2015`, `2015-02-30`). The day is the one written:
 *  a time zone is not applied. Only such dates can be filtered, sorted and counted by month.
 */
[[nodiscard]] std::optional<std::string> iso_day(std::string_view date);

/** The calendar day `YYYY-MM-DD` of a document's date, the day as written (a time zone is
 *  not applied), or nullopt if @p date is not one of these forms (white space around it
 *  ignored): what iso_day reads; RFC 2822, as e-mail and RSS write dates, with English
 *  month and day names, the weekday and the seconds optional (`Sun, 18 Feb 2018 17:21:49
 *  GMT`, `18 Feb 2018 21:35:43 +0400`, `18 Feb 2018`); and day first, month second
 *  (`17/05/2015`, `5/7/2015 13:20`, `17.05.2015`, `17-05-2015`; `05/17/2015` is not a date).
 *  The year has four digits; a day that does not exist (`30/02/2015`) is no date. This is
 *  what IndexWriter files under --since/--until, date sorting and the month facet.
 *  @param date  UTF-8.
 *  @throws fahras::Error if ICU fails.
 */
[[nodiscard]] std::optional<std::string> document_day(std::string_view date);

/** The form of a source name in the index and in `source:NAME` queries: normalized like
 *  text (fahras::normalize), case-folded, white space trimmed and each run of it made one
 *  space. `ant-v1.1/Jawhara FM` → `ant-v1.1/jawhara fm`. Its term is
 *  schema::source_term(source_name_key(name)).
 *  @param name  UTF-8.
 *  @throws fahras::Error if ICU fails.
 */
[[nodiscard]] std::string source_name_key(std::string_view name);

/** The former name of source_name_key(). */
[[deprecated("use fahras::source_name_key")]] [[nodiscard]] inline std::string source_key(
    std::string_view name) {
    return source_name_key(name);
}

}  // namespace fahras

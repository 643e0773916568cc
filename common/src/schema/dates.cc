/** @file
 *  @brief The calendar day of a document's date: ISO 8601, RFC 2822 and day-first dates.
 */
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/utf8.h"
#include "fahras/fields.h"
#include "util/strings.h"

namespace fahras {

namespace {

/** The forms of dates besides ISO 8601 that document_day reads, whole, in this order (ICU
 *  patterns: https://unicode-org.github.io/icu/userguide/format_parse/datetime/). */
constexpr std::array<const char*, 11> kPatterns = {
    // RFC 2822 (e-mail, RSS): `Sun, 18 Feb 2018 17:21:49 GMT`, `... +0400`; the weekday and
    // the seconds are optional there. `zzz` reads a zone name (GMT, UT, EST) or an offset.
    "EEE, d MMM yyyy HH:mm:ss zzz",
    "EEE, d MMM yyyy HH:mm zzz",
    "d MMM yyyy HH:mm:ss zzz",
    "d MMM yyyy HH:mm zzz",
    "EEE, d MMM yyyy",
    "d MMM yyyy",
    // Day first, as Arab and European archives write it: `17/05/2015`.
    "d/M/yyyy",
    "d/M/yyyy HH:mm",
    "d/M/yyyy HH:mm:ss",
    "d.M.yyyy",
    "d-M-yyyy",
};

/** One thread's parsers (SimpleDateFormat and Calendar are not thread-safe), made once. */
struct Parsers {
    std::vector<std::unique_ptr<icu::SimpleDateFormat>> formats;
    std::unique_ptr<icu::Calendar> calendar;

    Parsers() {
        // English month and day names, whatever the machine's locale: en_US_POSIX is the
        // locale meant for fixed formats such as RFC 2822.
        const icu::Locale posix("en_US_POSIX");
        UErrorCode status = U_ZERO_ERROR;
        calendar.reset(
            icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), posix, status));
        detail::check_icu(status, "Calendar::createInstance");
        calendar->setLenient(false);
        for (const char* pattern : kPatterns) {
            status = U_ZERO_ERROR;
            auto format =
                std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(pattern), posix, status);
            detail::check_icu(status, "SimpleDateFormat");
            // Strict: 30/02/2015 and 17/13/2015 are not dates (lenient ICU would roll them
            // over into March and the next year).
            format->setLenient(false);
            formats.push_back(std::move(format));
        }
    }
};

/** The day @p text is, whole, in @p format, as written (its own zone, not shifted). */
std::optional<std::string> parse_day(const icu::SimpleDateFormat& format, icu::Calendar& calendar,
                                     const icu::UnicodeString& text) {
    calendar.clear();
    calendar.setTimeZone(*icu::TimeZone::getGMT());
    icu::ParsePosition position(0);
    // A zone in the text becomes the calendar's: the fields read back are those written.
    format.parse(text, calendar, position);
    if (position.getErrorIndex() >= 0 || position.getIndex() != text.length()) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    const int year = calendar.get(UCAL_YEAR, status);
    const int month = calendar.get(UCAL_MONTH, status) + 1;
    const int day = calendar.get(UCAL_DATE, status);
    const int era = calendar.get(UCAL_ERA, status);
    // Four-digit years only: `yyyy` also reads `17/05/15` as the year 15.
    if (U_FAILURE(status) || era != 1 || year < 1000 || year > 9999) return std::nullopt;
    char out[32];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
    return std::string(out);
}

}  // namespace

std::optional<std::string> iso_day(std::string_view date) {
    // YYYY-MM-DD, then the end, a time ('T' or a space) or nothing else.
    if (date.size() < 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
    if (date.size() > 10 && date[10] != 'T' && date[10] != ' ') return std::nullopt;
    const auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
        int value = 0;
        for (const char c : date.substr(at, length)) {
            if (c < '0' || c > '9') return std::nullopt;
            value = value * 10 + (c - '0');
        }
        return value;
    };
    const std::optional<int> year = number(0, 4);
    const std::optional<int> month = number(5, 2);
    const std::optional<int> day = number(8, 2);
    if (!year || !month || !day) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(*year),
                                          std::chrono::month(static_cast<unsigned>(*month)),
                                          std::chrono::day(static_cast<unsigned>(*day))};
    if (!ymd.ok()) return std::nullopt;
    return std::string(date.substr(0, 10));
}

std::optional<std::string> document_day(std::string_view date) {
    date = detail::trim_space(date);
    if (std::optional<std::string> day = iso_day(date)) return day;
    // Anything that could be one of the forms has a digit; most undated records have "".
    if (date.find_first_of("0123456789") == std::string_view::npos) return std::nullopt;
    thread_local Parsers parsers;
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(date.data(), static_cast<int32_t>(date.size())));
    for (const auto& format : parsers.formats) {
        if (std::optional<std::string> day = parse_day(*format, *parsers.calendar, text)) {
            return day;
        }
    }
    return std::nullopt;
}

}  // namespace fahras

/** @file
 *  @brief Tests of the day of a document's date (fahras::iso_day, fahras::document_day).
 */
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fahras/fields.h"

TEST_CASE("iso_day: the day of a date that begins with an ISO 8601 calendar date") {
    const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
        {"2015-07-21", "2015-07-21"},
        {"2015-07-21 02:51:32", "2015-07-21"},
        {"2017-01-20T21:43:00+01:00", "2017-01-20"},
        {"2016-02-29", "2016-02-29"},
        {"2015-02-29", std::nullopt},
        {"2015-13-01", std::nullopt},
        {"2015-7-21", std::nullopt},
        {"2015-07-21Z", std::nullopt},
        {"17/05/2015", std::nullopt},
        {"Sun, 18 Feb 2018 17:21:49 GMT", std::nullopt},
        {"", std::nullopt},
    };
    for (const auto& [date, day] : cases) {
        CAPTURE(date);
        CHECK(fahras::iso_day(date) == day);
    }
}

TEST_CASE("regression: #15 document_day reads RFC 2822 and day-first dates, as written") {
    // See: issue #15
    const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
        {"2015-07-21 02:51:32", "2015-07-21"},  // ISO 8601, as iso_day
        {"2017-01-22T185600", "2017-01-22"},
        {"Sun, 18 Feb 2018 17:21:49 GMT", "2018-02-18"},
        // The day as written: 23:35 at -0400 is the 19th in UTC, and stays the 18th.
        {"Sun, 18 Feb 2018 23:35:43 -0400", "2018-02-18"},
        {"Sun, 18 Feb 2018 21:35:43 +0400", "2018-02-18"},
        {"18 Feb 2018 21:35 +0000", "2018-02-18"},
        {"Sun, 18 Feb 2018", "2018-02-18"},
        {"  17/05/2015 ", "2015-05-17"},
        {"5/7/2015", "2015-07-05"},  // day first
        {"17/05/2015 13:20", "2015-05-17"},
        {"17.05.2015", "2015-05-17"},
        {"05/17/2015", std::nullopt},  // month first: no month 17
        {"30/02/2015", std::nullopt},
        {"17/05/15", std::nullopt},  // the year has four digits
        {"Sun, 29 Feb 2018 17:21:49 GMT", std::nullopt},
        {"Sun, 18 Feb 2018 25:21:49 GMT", std::nullopt},
        {"Feb 18th, 2018", std::nullopt},
        {"yesterday", std::nullopt},
        {"", std::nullopt},
    };
    for (const auto& [date, day] : cases) {
        CAPTURE(date);
        CHECK(fahras::document_day(date) == day);
    }
}

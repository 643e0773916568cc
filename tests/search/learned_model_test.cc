/** @file
 *  @brief The learned ranker's model: the committed one loads, fits the features this fahras
 *  computes, and scores as XGBoost's Python scored it when bench/train-ranker wrote it.
 */
#include "search/learned_model.h"

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/error.h"
#include "search/features.h"

namespace {

using fahras::detail::kFeatureNames;
using fahras::detail::LearnedModel;
using fahras::detail::ranker_model_json;

/** The numbers of a JSON array of numbers such as "[1.0, 0.5]". */
std::vector<float> numbers(std::string text) {
    for (char& c : text) {
        if (c == '[' || c == ']' || c == ',') c = ' ';
    }
    std::istringstream in(text);
    std::vector<float> out;
    double value = 0;
    while (in >> value) out.push_back(static_cast<float>(value));
    return out;
}

}  // namespace

TEST_CASE("the committed model was trained on this fahras's features, in their order") {
    const LearnedModel model(ranker_model_json(), kFeatureNames);
    const std::optional<std::string> names = model.attribute("fahras_feature_names");
    REQUIRE(names);
    CHECK(names->starts_with("stage1_score,stage1_relative,stage1_log_rank,bm25_written,"));
    CHECK(model.attribute("fahras_collections") == "qqa23,arcd,news-titles (tune halves)");
    CHECK_FALSE(model.attribute("no_such_attribute"));
}

TEST_CASE("the committed model gives the score XGBoost's Python gave when it was trained") {
    const LearnedModel model(ranker_model_json(), kFeatureNames);
    const std::vector<float> row = numbers(model.attribute("fahras_check_features").value());
    REQUIRE(row.size() == kFeatureNames.size());
    const double expected = std::stod(model.attribute("fahras_check_score").value());
    const std::vector<float> scores = model.predict(row, 1);
    REQUIRE(scores.size() == 1);
    CHECK(scores[0] == doctest::Approx(expected).epsilon(1e-5));

    // --explain's contributions: one a feature and the bias, adding up to the score.
    const std::vector<float> contributions = model.contributions(row);
    REQUIRE(contributions.size() == kFeatureNames.size() + 1);
    const double sum = std::accumulate(contributions.begin(), contributions.end(), 0.0);
    CHECK(sum == doctest::Approx(scores[0]).epsilon(1e-4));
}

TEST_CASE("more of a query as written never lowers the committed model's score") {
    const LearnedModel model(ranker_model_json(), kFeatureNames);
    std::vector<float> row = numbers(model.attribute("fahras_check_features").value());
    REQUIRE(row.size() == kFeatureNames.size());
    constexpr std::size_t written = fahras::detail::feature_index("written_idf_share");
    float last = -INFINITY;
    for (const float share : {0.0F, 0.25F, 0.5F, 0.75F, 1.0F}) {
        row[written] = share;
        const float score = model.predict(row, 1)[0];
        CHECK(score >= last);
        last = score;
    }
}

TEST_CASE("a model that does not fit is refused with the reason") {
    const std::vector<std::string_view> fewer(kFeatureNames.begin(), kFeatureNames.end() - 1);
    CHECK_THROWS_WITH_AS(LearnedModel(ranker_model_json(), fewer),
                         "ranking model: trained on 32 features, this fahras computes 31",
                         fahras::Error);
    std::vector<std::string_view> swapped(kFeatureNames.begin(), kFeatureNames.end());
    std::swap(swapped[0], swapped[1]);
    CHECK_THROWS_AS(LearnedModel(ranker_model_json(), swapped), fahras::Error);
    CHECK_THROWS_WITH_AS(LearnedModel("{not json", kFeatureNames),
                         doctest::Contains("ranking model: load: "), fahras::Error);
}

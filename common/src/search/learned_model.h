/** @file
 *  @brief Internal: the learned second stage's model, an XGBoost ranking model (docs/ranking.md).
 */
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::detail {

/** An XGBoost model read from its JSON text, predicting with one thread.
 *
 *  Not for two threads at once (each Searcher holds its own).
 */
class LearnedModel {
  public:
    /** Loads @p json, a model that bench/train-ranker wrote, and checks that it was trained on
     *  the features @p names, in this order (its attribute fahras_feature_names, when it has
     *  one; else only their number).
     *  @throws fahras::Error naming the reason if it cannot be read or does not fit. */
    LearnedModel(std::string_view json, std::span<const std::string_view> names);
    ~LearnedModel();
    LearnedModel(const LearnedModel&) = delete;
    LearnedModel& operator=(const LearnedModel&) = delete;

    /** The score of each of @p rows rows of features (row after row). */
    [[nodiscard]] std::vector<float> predict(const std::vector<float>& features,
                                             std::size_t rows) const;

    /** How much each feature added to the score of the one row @p features (SHAP values:
     *  their sum and the last value, the bias, make the score). */
    [[nodiscard]] std::vector<float> contributions(const std::vector<float>& features) const;

    /** The model's attribute @p name (bench/train-ranker writes fahras_* ones), if it has it. */
    [[nodiscard]] std::optional<std::string> attribute(const std::string& name) const;

  private:
    void* booster_ = nullptr;
    std::size_t features_;
};

/** The model fahras ranks with, as bench/train-ranker wrote it (common/src/search/ranker.json,
 *  built into the library). */
[[nodiscard]] std::string_view ranker_model_json();

}  // namespace fahras::detail

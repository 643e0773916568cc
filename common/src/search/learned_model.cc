/** @file
 *  @brief Internal: the learned second stage's model, through XGBoost's C API.
 */
#include "search/learned_model.h"

#include <xgboost/c_api.h>

#include <cstdint>
#include <limits>

#include "fahras/error.h"

namespace fahras::detail {

namespace {

/** Throws fahras::Error with XGBoost's last error if @p status is a failure. */
void check(int status, const char* what) {
    if (status != 0) {
        throw Error(std::string("ranking model: ") + what + ": " + XGBGetLastError());
    }
}

/** The __array_interface__ text XGBoost reads a dense float matrix from. */
std::string array_interface(const float* data, std::size_t rows, std::size_t columns) {
    return R"({"data": [)" + std::to_string(reinterpret_cast<std::uintptr_t>(data)) +
           R"(, true], "shape": [)" + std::to_string(rows) + ", " + std::to_string(columns) +
           R"(], "typestr": "<f4", "version": 3})";
}

}  // namespace

LearnedModel::LearnedModel(std::string_view json, std::span<const std::string_view> names)
    : features_(names.size()) {
    BoosterHandle booster = nullptr;
    check(XGBoosterCreate(nullptr, 0, &booster), "create");
    booster_ = booster;
    try {
        check(XGBoosterLoadModelFromBuffer(booster, json.data(), json.size()), "load");
        // One thread: searches run in parallel already (one Searcher per thread).
        check(XGBoosterSetParam(booster, "nthread", "1"), "nthread");
        bst_ulong trained = 0;
        check(XGBoosterGetNumFeature(booster, &trained), "features");
        if (trained != features_) {
            throw Error("ranking model: trained on " + std::to_string(trained) +
                        " features, this fahras computes " + std::to_string(features_));
        }
        std::string expected;
        for (const std::string_view name : names) {
            if (!expected.empty()) expected += ',';
            expected += name;
        }
        const std::optional<std::string> trained_names = attribute("fahras_feature_names");
        if (trained_names && *trained_names != expected) {
            throw Error("ranking model: trained on the features " + *trained_names +
                        ", this fahras computes " + expected);
        }
    } catch (...) {
        XGBoosterFree(booster);
        booster_ = nullptr;
        throw;
    }
}

std::optional<std::string> LearnedModel::attribute(const std::string& name) const {
    const char* value = nullptr;
    int found = 0;
    check(XGBoosterGetAttr(static_cast<BoosterHandle>(booster_), name.c_str(), &value, &found),
          "attribute");
    if (found == 0 || value == nullptr) return std::nullopt;
    return std::string(value);
}

LearnedModel::~LearnedModel() {
    if (booster_ != nullptr) XGBoosterFree(static_cast<BoosterHandle>(booster_));
}

std::vector<float> LearnedModel::predict(const std::vector<float>& features,
                                         std::size_t rows) const {
    if (rows == 0) return {};
    const std::string values = array_interface(features.data(), rows, features_);
    constexpr const char* kConfig =
        R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false, "cache_id": 0, "missing": NaN})";
    const bst_ulong* shape = nullptr;
    bst_ulong dimensions = 0;
    const float* result = nullptr;
    check(XGBoosterPredictFromDense(static_cast<BoosterHandle>(booster_), values.c_str(), kConfig,
                                    nullptr, &shape, &dimensions, &result),
          "predict");
    return std::vector<float>(result, result + rows);
}

std::vector<float> LearnedModel::contributions(const std::vector<float>& features) const {
    DMatrixHandle matrix = nullptr;
    check(XGDMatrixCreateFromMat(features.data(), 1, features_,
                                 std::numeric_limits<float>::quiet_NaN(), &matrix),
          "matrix");
    constexpr const char* kConfig =
        R"({"type": 2, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})";
    const bst_ulong* shape = nullptr;
    bst_ulong dimensions = 0;
    const float* result = nullptr;
    const int status = XGBoosterPredictFromDMatrix(static_cast<BoosterHandle>(booster_), matrix,
                                                   kConfig, &shape, &dimensions, &result);
    std::vector<float> out;
    if (status == 0) out.assign(result, result + features_ + 1);
    XGDMatrixFree(matrix);
    check(status, "contributions");
    return out;
}

}  // namespace fahras::detail

# Writes OUT, a C++ file defining fahras::detail::ranker_model_json() as the text of IN (the
# learned ranker's model, common/src/search/ranker.json): the model is built into the
# library, so that an installed fahras needs no data file. Run by common/CMakeLists.txt.
file(READ "${IN}" text)
file(WRITE "${OUT}" "/** @file\n *  @brief Generated from common/src/search/ranker.json by common/embed_model.cmake: do not edit.\n */\n#include \"search/learned_model.h\"\n\nnamespace fahras::detail {\n\nstd::string_view ranker_model_json() {\n    static const char kModel[] = R\"fahras_model(${text})fahras_model\";\n    return {kModel, sizeof kModel - 1};\n}\n\n}  // namespace fahras::detail\n")

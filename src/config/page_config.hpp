// The page's own defaults for a run on 2-D data, and its link: a link names its data, and the
// other settings are read against what picking that data in the page's setup panel gives, so
// "?data=spiral" opens the same network as choosing the spiral there.
#pragma once

#include <string>
#include <string_view>

#include "config.hpp"

namespace bp {

// The learning rate for 2-D data: the loss (and its gradient) is summed over the examples,
// so hundreds of points need a much smaller rate than the chapter's four rows.
inline constexpr double kPlaygroundLearningRate = 0.003;

// The output activation and loss that fit a data set's labels: classes 0 and 1 (sigmoid,
// cross-entropy), values within -1 to 1 (tanh, squared error), or any value (linear).
void suit_to_labels(const Dataset& rows, Activation& output, Loss& loss);

// The chapter's run for the chapter's data; for 2-D data two tanh layers of 4 with biases,
// Glorot-scaled weights, kPlaygroundLearningRate, and the output and loss that suit the data
// (its kind's, or the custom rows' labels). Only c's source, data kind and rows are read;
// the result's source stays Chapter, so that a link always names its data.
Config page_defaults(const Config& c);

// A link's query string: its data keys (data, rows) are read first and decide the
// defaults (page_defaults) that the whole link is then read against. Errors as parse_query.
Result<Config> parse_page_query(std::string_view query);
// The shortest link that parse_page_query reads back as exactly c.
std::string page_query(const Config& c, bool with_weights);

// A JSON document (config_from_json) read the same way: settings it does not give take
// page_defaults for the data it names.
Result<Config> page_config_from_json(std::string_view text);

}  // namespace bp

// Query-string settings: the core's parse_query does the work; this picks out what the page's
// state reads.
#include "settings.hpp"

#include <string>

namespace bp::app {

Settings settings_from_config(const Config& config) {
  Settings s;
  s.seed = config.seed;
  s.spec = network_spec(config);
  s.options = trainer_options(config);
  s.speed = config.view.speed;
  s.speed_max = config.view.speed_max;
  s.config = config;
  return s;
}

Result<Settings> parse_settings(std::string_view query) {
  Result<Config> config = parse_query(query);
  if (!config) return Error{config.error()};
  // The page trains on the chapter's rows until it is taught to show the 2-D data sets: say
  // so rather than build a network for data the page would not use.
  if (config->source != DataSource::Chapter)
    return Error{
        "data=" +
        std::string(config->source == DataSource::Custom ? "custom" : name(config->data.kind)) +
        ": this page shows only the chapter's data so far"};
  return settings_from_config(config.value());
}

}  // namespace bp::app

// The page's logic as buttons and scripts (window.backprop and postMessage, through
// src/platform) see it: start, the actions, read and set the settings as a whole, the link and
// the JSON document, files opened or dropped, reset to a seed, run the walkthrough to a phase,
// and the events scripts can listen to. Every setting goes through the Config validator
// (config/config.hpp), whether it comes from a link, a file or a script. No ImGui here.
#include <climits>
#include <cstdio>
#include <string>
#include <utility>

#include "config/text.hpp"
#include "session.hpp"

namespace bp::app {
namespace {

// A script's whole-number argument, as the page's JavaScript hands it over: as text (a JS
// number written by String(), or the string the script gave), read with the one number
// syntax, so that 1.9, '0x10', true and 2**32+2 are refused, naming the argument.
Result<int> whole_argument(std::string_view name, std::string_view text, int max) {
  const Result<std::uint64_t> v = read_whole(text, static_cast<std::uint64_t>(max));
  if (!v) return Error{std::string(name) + " must be a whole number: " + v.error()};
  return static_cast<int>(v.value());
}

}  // namespace

Status Session::start(const Config& config, std::string link_error) {
  AppState& st = state_;
  // The chapter's run, then the link's: a link refused later still leaves a working page.
  const Config chapter;
  Result<Network> net = make_network(chapter);
  if (!net) return Error{net.error()};
  Result<ConfigData> data = make_data(chapter);
  if (!data) return Error{data.error()};
  Result<Trainer> t =
      Trainer::create(std::move(net.value()), data->train, trainer_options(chapter));
  if (!t) return Error{t.error()};
  st.trainer.emplace(std::move(t.value()));
  st.config = st.edit = chapter;
  st.seed_edit = chapter.seed;
  st.config.view.speed = chapter.view.speed;
  st.try_x = seed_new_input();
  st.rewound();
  st.settings_error = std::move(link_error);
  if (st.settings_error.empty())
    if (Status s = st.apply_config(config); !s) st.settings_error = s.error();
  if (st.config.view.autoplay && st.settings_error.empty()) st.train();
  return {};
}

void Session::train() {
  state_.train();
}
void Session::pause() {
  state_.pause();
}
long Session::step(long n) {
  return state_.step(n);
}
void Session::reset() {
  state_.reset();
}
void Session::restart() {
  state_.restart();
}
Status Session::set_learning_rate(double learning_rate) {
  return state_.set_learning_rate(learning_rate);
}

std::string Session::settings_json() const {
  return settings_to_json(state_.snapshot());
}

Status Session::apply_settings(std::string_view json) {
  AppState& st = state_;
  if (json.size() > kMaxTextBytes) return Error{too_large("the settings", json.size())};
  const Config now = st.snapshot();
  Result<Config> next = apply_settings_json(json, now);
  if (!next) {
    // A new shape may leave the selected weight behind: then select W1[0][0] instead.
    Config base = now;
    base.view.selected = WeightRef{1, 0, 0};
    Result<Config> again = apply_settings_json(json, base);
    if (!again) return Error{again.error()};
    next = std::move(again);
  }
  // From the chapter to 2-D data: settings not given take what picking that data gives.
  if (now.source == DataSource::Chapter && next->source != DataSource::Chapter) {
    Config base = page_defaults(next.value());
    base.seed = now.seed;
    base.stop = now.stop;
    base.view = now.view;
    base.view.selected = WeightRef{1, 0, 0};
    if (Result<Config> again = apply_settings_json(json, base); again) next = std::move(again);
  }
  return st.apply_config(next.value());
}

std::string Session::link(bool with_weights) const {
  return page_query(state_.snapshot(), with_weights);
}

std::string Session::document() const {
  return config_to_json(state_.snapshot(), true, true);
}

Status Session::load_file(std::string_view name, std::string_view text) {
  AppState& st = state_;
  const std::string what = quoted(name);
  const auto done = [&](Status s, const std::string& ok_text) {
    st.file_message = s ? ok_text : "Not loaded " + what + ": " + s.error();
    return s;
  };
  if (text.size() > kMaxTextBytes) return done(Error{too_large("the file", text.size())}, "");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  if (std::string binary = find_binary(text); !binary.empty())
    return done(Error{std::move(binary)}, "");
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') {
    Result<Config> c = page_config_from_json(text);
    if (!c) return done(Error{c.error()}, "");
    if (c->diverged)
      return done(st.apply_config(c.value()),
                  "Loaded " + what +
                      ": its settings and data. Its run had diverged, so it holds no weights: "
                      "training starts again from seed " +
                      std::to_string(c->seed) + "'s initial weights.");
    return done(st.apply_config(c.value()), "Loaded " + what + ": its settings and weights.");
  }
  const Status s = st.load_csv(text);
  return done(s, "Loaded " + what + ": " + st.csv_message);
}

std::string Session::too_large(std::string_view what, std::uint64_t bytes) {
  return std::string(what) + " is " + describe_bytes(bytes) + ", more than the " +
         describe_bytes(kMaxTextBytes) + " the page takes in one piece";
}

Status Session::refuse_file(std::string_view name, const std::string& why) {
  state_.file_message = "Not loaded " + quoted(name) + ": " + why;
  return Error{why};
}

void Session::refuse_paste(const std::string& why) {
  state_.csv_message = "Not pasted: " + why;
}

Status Session::select(std::string_view layer, std::string_view row, std::string_view col) {
  const Result<int> l = whole_argument("layer", layer, INT_MAX);
  if (!l) return Error{l.error()};
  const Result<int> r = whole_argument("row", row, INT_MAX);
  if (!r) return Error{r.error()};
  const Result<int> c = whole_argument("col", col, INT_MAX);
  if (!c) return Error{c.error()};
  return state_.select({l.value(), r.value(), c.value()});
}

Status Session::set_example(std::string_view row) {
  const Result<int> r = whole_argument("row", row, INT_MAX);
  if (!r) return Error{r.error()};
  return state_.set_example(r.value());
}

Status Session::set_learning_rate(std::string_view learning_rate) {
  const Result<double> v = read_number(learning_rate);
  if (!v) return Error{"the learning rate must be a number: " + v.error()};
  return set_learning_rate(v.value());
}

Status Session::set_text_size(std::string_view size) {
  const Result<double> v = read_number(size);
  if (!v) return Error{"the text size must be a number: " + v.error()};
  if (!(v.value() >= kMinTextSize && v.value() <= kMaxTextSize)) {
    char why[160];
    std::snprintf(why, sizeof why,
                  "the text size must be from %g (%g %%) to %g (%g %%) of the normal size, not %g",
                  kMinTextSize, kMinTextSize * 100, kMaxTextSize, kMaxTextSize * 100, v.value());
    return Error{why};
  }
  state_.set_text_size(v.value());
  return {};
}

Status Session::reset_to_seed(std::string_view seed) {
  if (seed.size() > 40) return Error{"seed must be a whole number, not " + quoted(seed)};
  Result<Config> parsed = parse_query("seed=" + std::string(seed));
  if (!parsed) return Error{parsed.error()};
  state_.set_seed(parsed->seed);
  return {};
}

Result<Phase> Session::walk_to(std::string_view target) {
  AppState& st = state_;
  const std::optional<PhaseKind> kind = parse_phase_kind(target);
  if (!kind && target != "next")
    return Error{"walkthrough: unknown phase " + quoted(target) +
                 " (use true, false, 'next', 'forward', 'loss', 'backward' or 'update')"};
  if (st.t().diverged())
    return Error{"walkthrough: training diverged; restart or reset before stepping through it"};
  if (!st.config.view.walkthrough) st.set_walkthrough(true);
  Phase p = st.advance_phase();
  for (int n = 1; kind && p.kind != *kind && n < st.t().phase_count(); ++n) p = st.advance_phase();
  return p;
}

unsigned Session::poll_events(EventWatch& watch) const {
  const Trainer& t = state_.t();
  unsigned events = 0;
  if (t.iteration() != watch.iteration) events |= kEventStep;
  if (t.diverged() && !watch.diverged) events |= kEventDiverged;
  const bool converged = !t.diverged() && state_.watched_loss() <= converged_loss();
  if (converged && !watch.converged && t.iteration() > 0) events |= kEventConverged;
  watch.iteration = t.iteration();
  watch.diverged = t.diverged();
  watch.converged = converged;
  return events;
}

}  // namespace bp::app

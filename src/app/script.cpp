// The page's scripting side (window.backprop and postMessage, through src/platform): read and
// set the settings as a whole, reset to a seed, run the walkthrough to a phase, and notice the
// events scripts can listen to. Settings go through the link's parser (parse_settings), so a
// setting is checked by one validator whether it comes from a link or from a script.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "app.hpp"
#include "json.hpp"

namespace bp::app {
namespace {

constexpr std::size_t kMaxQuery = 4096;  // longer settings are refused before parsing

// Splits text at the first sep: returns the part before it and leaves the rest in text.
std::string_view take_until(std::string_view& text, char sep) {
  const std::size_t at = text.find(sep);
  const std::string_view head = text.substr(0, at);
  text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
  return head;
}

bool parse_bool(std::string_view text, bool& out) {
  if (text == "true" || text == "1") {
    out = true;
  } else if (text == "false" || text == "0") {
    out = false;
  } else {
    return false;
  }
  return true;
}

// A whole number 0..999999 (rows, layers and columns are far smaller).
bool parse_index(std::string_view text, int& out) {
  if (text.empty() || text.size() > 6) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

// "layer,row,col".
bool parse_weight(std::string_view text, WeightRef& out) {
  const std::string_view layer = take_until(text, ',');
  const std::string_view row = take_until(text, ',');
  return parse_index(layer, out.layer) && parse_index(row, out.row) &&
         parse_index(text, out.col);
}

std::string number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string quoted(std::string_view text) {
  constexpr std::size_t kShown = 40;
  return "'" + std::string(text.substr(0, kShown)) + (text.size() > kShown ? "...'" : "'");
}

// The same words as AppState::select, without selecting anything.
Status check_weight(const Network& net, WeightRef w) {
  if (w.layer < 1 || w.layer > net.layers())
    return Error{"selected: W" + std::to_string(w.layer) + " does not exist: the network has W1 to W" +
                 std::to_string(net.layers())};
  const Matrix& m = net.W(w.layer);
  if (w.row >= m.rows() || w.col >= m.cols())
    return Error{"selected: W" + std::to_string(w.layer) + " has no entry [" +
                 std::to_string(w.row) + "][" + std::to_string(w.col) + "]; it is " +
                 std::to_string(m.rows()) + "x" + std::to_string(m.cols()) +
                 " (rows and columns count from 0)"};
  return {};
}

const char* kind_name(PhaseKind k) {
  switch (k) {
    case PhaseKind::Forward: return "forward";
    case PhaseKind::Loss: return "loss";
    case PhaseKind::Backward: return "backward";
    case PhaseKind::Update: return "update";
  }
  return "unknown";
}

}  // namespace

std::string App::settings_json() const {
  const AppState& st = state_;
  JsonWriter j;
  j.begin_object();
  j.key("seed").unsigned_integer(st.seed);
  j.key("lr").number(st.t().options().learning_rate);
  j.key("speed");
  if (st.speed_max)
    j.string("max");
  else
    j.number(st.speed);
  j.key("activations").begin_array();
  for (Activation f : st.t().network().spec().activations) j.string(name(f));
  j.end_array();
  j.key("walkthrough").boolean(st.walkthrough);
  j.key("showGradients").boolean(st.show_gradients);
  j.key("example").integer(st.example);
  j.key("selected").begin_object();
  j.key("layer").integer(st.selected.layer);
  j.key("row").integer(st.selected.row);
  j.key("col").integer(st.selected.col);
  j.end_object();
  j.end_object();
  return j.str();
}

Status App::apply_settings(std::string_view query) {
  AppState& st = state_;
  if (query.size() > kMaxQuery)
    return Error{"the settings are too long (" + std::to_string(query.size()) +
                 " characters; at most " + std::to_string(kMaxQuery) + ")"};
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);

  // The link's settings, starting from the current ones; the given keys replace them or are
  // added (parse_settings names any it does not know).
  std::string activations;
  for (Activation f : st.t().network().spec().activations)
    activations += (activations.empty() ? "" : ",") + std::string(name(f));
  std::map<std::string, std::string> link{
      {"seed", std::to_string(st.seed)},
      {"lr", number_text(st.t().options().learning_rate)},
      {"speed", st.speed_max ? std::string("max") : number_text(st.speed)},
      {"activations", activations}};
  std::vector<std::string> given;
  bool walkthrough = st.walkthrough, show_gradients = st.show_gradients;
  int example = st.example;
  WeightRef selected = st.selected;
  while (!query.empty()) {
    std::string_view value = take_until(query, '&');
    if (value.empty()) continue;
    if (value.find('=') == std::string_view::npos)
      return Error{quoted(value) + " has no value (write key=value)"};
    const std::string key(take_until(value, '='));
    if (key.empty()) return Error{"a setting has no name (write key=value)"};
    for (const std::string& k : given)
      if (k == key) return Error{key + " is given twice"};
    given.push_back(key);
    if (key == "walkthrough") {
      if (!parse_bool(value, walkthrough))
        return Error{"walkthrough must be true or false, not " + quoted(value)};
    } else if (key == "showGradients") {
      if (!parse_bool(value, show_gradients))
        return Error{"showGradients must be true or false, not " + quoted(value)};
    } else if (key == "example") {
      if (!parse_index(value, example))
        return Error{"example must be a row number counted from 0, not " + quoted(value)};
    } else if (key == "selected") {
      if (!parse_weight(value, selected))
        return Error{"selected must be a weight {layer, row, col} of whole numbers, not " +
                     quoted(value)};
    } else {
      link[key] = std::string(value);
    }
  }
  std::string link_query;
  for (const auto& [k, v] : link) link_query += (link_query.empty() ? "" : "&") + k + "=" + v;
  Result<Settings> parsed = parse_settings(link_query);
  if (!parsed) return Error{parsed.error()};
  const Settings& s = parsed.value();

  // Everything is checked against the network the settings ask for before anything changes.
  // (Activations never change the network's shape, so the current one answers for it.)
  const bool new_network =
      s.seed != st.seed || s.spec.activations != st.t().network().spec().activations;
  const auto rows = st.t().data().size();
  if (example >= rows)
    return Error{"example: there is no example " + std::to_string(example) +
                 ": the data has rows 0 to " + std::to_string(rows - 1)};
  if (Status ok = check_weight(st.t().network(), selected); !ok) return ok;

  if (new_network) {
    Setup next = st.setup;
    next.hidden_activations.assign(s.spec.activations.begin(), s.spec.activations.end() - 1);
    next.output = s.spec.activations.back();
    if (next.hidden_activations == st.setup.hidden_activations && next.output == st.setup.output) {
      st.set_seed(s.seed);
    } else {
      const std::uint64_t before = st.seed;
      st.seed = s.seed;
      st.seed_edit = s.seed;
      if (Status ok = st.apply_setup(next); !ok) {
        st.seed = st.seed_edit = before;
        return Error{"activations: " + ok.error()};
      }
    }
  }
  if (s.options.learning_rate != st.t().options().learning_rate)
    if (Status ok = st.set_learning_rate(s.options.learning_rate); !ok) return ok;
  st.speed = s.speed;
  st.speed_max = s.speed_max;
  if (walkthrough != st.walkthrough) st.set_walkthrough(walkthrough);
  st.show_gradients = show_gradients;
  (void)st.set_example(example);
  (void)st.select(selected);
  return {};
}

Status App::reset_to_seed(std::string_view seed) {
  if (seed.size() > 40) return Error{"seed must be a whole number, not " + quoted(seed)};
  Result<Settings> parsed = parse_settings("seed=" + std::string(seed));
  if (!parsed) return Error{parsed.error()};
  state_.set_seed(parsed.value().seed);
  return {};
}

Result<Phase> App::walk_to(std::string_view target) {
  AppState& st = state_;
  std::optional<PhaseKind> kind;
  for (PhaseKind k : {PhaseKind::Forward, PhaseKind::Loss, PhaseKind::Backward, PhaseKind::Update})
    if (target == kind_name(k)) kind = k;
  if (!kind && target != "next")
    return Error{"walkthrough: unknown phase " + quoted(target) +
                 " (use true, false, 'next', 'forward', 'loss', 'backward' or 'update')"};
  if (st.t().diverged())
    return Error{"walkthrough: training diverged; restart or reset before stepping through it"};
  if (!st.walkthrough) st.set_walkthrough(true);
  Phase p = st.advance_phase();
  for (int n = 1; kind && p.kind != *kind && n < st.t().phase_count(); ++n) p = st.advance_phase();
  return p;
}

unsigned App::poll_events(EventWatch& watch) const {
  const Trainer& t = state_.t();
  unsigned events = 0;
  if (t.iteration() != watch.iteration) events |= kEventStep;
  if (t.diverged() && !watch.diverged) events |= kEventDiverged;
  const bool converged = !t.diverged() && state_.loss <= kConvergedLoss;
  if (converged && !watch.converged && t.iteration() > 0) events |= kEventConverged;
  watch.iteration = t.iteration();
  watch.diverged = t.diverged();
  watch.converged = converged;
  return events;
}

}  // namespace bp::app

// The table of settings (setting_table.hpp): one row per setting, with how to read its value
// from a Config and write it back.
#include "setting_table.hpp"

#include <climits>
#include <cstring>

namespace bp {
namespace {

using V = SettingValue;
using K = SettingKind;

// The loss's names: the short ones the link and JSON write, and the core's long ones.
std::optional<Loss> loss_named(std::string_view v) {
  if (v == "se") return Loss::SquaredError;
  if (v == "ce") return Loss::CrossEntropy;
  return parse_loss(v);
}

V number_or_none(const std::optional<double>& x) {
  return x ? V::of(*x) : V::none();
}

constexpr std::uint64_t kIntMax = INT_MAX;
constexpr std::uint64_t kWholeMax = UINT64_MAX;
constexpr std::string_view kActivations = "sigmoid, tanh, relu or linear";
constexpr std::string_view kActivationsJson = "\"sigmoid\", \"tanh\", \"relu\" or \"linear\"";

// A row whose value needs code of its own in each form.
constexpr Setting special(std::string_view key) {
  return Setting{key, K::Special, 0, {}, {}, nullptr, nullptr};
}

}  // namespace

bool operator==(const SettingValue& a, const SettingValue& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case SettingValue::Type::None:
    case SettingValue::Type::Max: return true;
    case SettingValue::Type::Number: return std::memcmp(&a.number, &b.number, sizeof a.number) == 0;
    case SettingValue::Type::Whole: return a.whole == b.whole;
    case SettingValue::Type::Flag: return a.flag == b.flag;
    case SettingValue::Type::Name: return a.name == b.name;
  }
  return false;
}

// clang-format off
const std::array<Setting, kSettingCount> kSettings = {{
  {"seed", K::Whole, kWholeMax, "a whole number 0 or more", {},
   [](const Config& c) { return V::of_whole(c.seed); },
   [](Config& c, const V& v) { c.seed = v.whole; return true; }},
  {"init", K::Name, 0, "uniform01 or scaled", "\"uniform01\" or \"scaled\"",
   [](const Config& c) { return V::of_name(name(c.init)); },
   [](Config& c, const V& v) {
     const std::optional<Init> i = parse_init(v.name);
     if (i) c.init = *i;
     return i.has_value();
   }},
  special("data"),
  {"points", K::Whole, kIntMax, "a whole number from 2 to 2000", {},
   [](const Config& c) { return V::of_whole(static_cast<std::uint64_t>(c.data.points)); },
   [](Config& c, const V& v) { c.data.points = static_cast<int>(v.whole); return true; }},
  {"noise", K::Number, 0, {}, {},
   [](const Config& c) { return V::of(c.data.noise_percent); },
   [](Config& c, const V& v) { c.data.noise_percent = v.number; return true; }},
  {"train", K::Number, 0, {}, {},
   [](const Config& c) { return V::of(c.data.train_percent); },
   [](Config& c, const V& v) { c.data.train_percent = v.number; return true; }},
  {"dataseed", K::Whole, kWholeMax, "a whole number 0 or more", {},
   [](const Config& c) { return V::of_whole(c.data.seed); },
   [](Config& c, const V& v) { c.data.seed = v.whole; return true; }},
  special("features"),
  special("hidden"),
  special("act"),
  {"out", K::Name, 0, kActivations, kActivationsJson,
   [](const Config& c) { return V::of_name(name(c.output)); },
   [](Config& c, const V& v) {
     const std::optional<Activation> f = parse_activation(v.name);
     if (f) c.output = *f;
     return f.has_value();
   }},
  {"bias", K::Flag, 0, {}, {},
   [](const Config& c) { return V::of_flag(c.biases); },
   [](Config& c, const V& v) { c.biases = v.flag; return true; }},
  {"lr", K::Number, 0, {}, {},
   [](const Config& c) { return V::of(c.training.learning_rate); },
   [](Config& c, const V& v) { c.training.learning_rate = v.number; return true; }},
  {"batch", K::Whole, kIntMax, "a whole number from 0 (full batch) to 2000", {},
   [](const Config& c) { return V::of_whole(static_cast<std::uint64_t>(c.training.batch_size)); },
   [](Config& c, const V& v) { c.training.batch_size = static_cast<int>(v.whole); return true; }},
  {"loss", K::Name, 0, "se (squared error) or ce (cross-entropy)", "\"se\" or \"ce\"",
   [](const Config& c) { return V::of_name(c.training.loss == Loss::CrossEntropy ? "ce" : "se"); },
   [](Config& c, const V& v) {
     const std::optional<Loss> l = loss_named(v.name);
     if (l) c.training.loss = *l;
     return l.has_value();
   }},
  {"reg", K::Name, 0, "none, l1 or l2", "\"none\", \"l1\" or \"l2\"",
   [](const Config& c) { return V::of_name(name(c.training.regularization)); },
   [](Config& c, const V& v) {
     const std::optional<Regularization> r = parse_regularization(v.name);
     if (r) c.training.regularization = *r;
     return r.has_value();
   }},
  {"regrate", K::Number, 0, {}, {},
   [](const Config& c) { return V::of(c.training.regularization_rate); },
   [](Config& c, const V& v) { c.training.regularization_rate = v.number; return true; }},
  {"stop_loss", K::NumberOrNone, 0, {}, {},
   [](const Config& c) { return number_or_none(c.stop.target_loss); },
   [](Config& c, const V& v) {
     c.stop.target_loss = v.type == V::Type::None ? std::nullopt : std::optional<double>(v.number);
     return true;
   }},
  {"stop_iters", K::WholeOrNone, static_cast<std::uint64_t>(kMaxStopIterations),
   "a whole number from 1 to 1000000000, or none", {},
   [](const Config& c) {
     return c.stop.max_iterations ? V::of_whole(static_cast<std::uint64_t>(*c.stop.max_iterations))
                                  : V::none();
   },
   [](Config& c, const V& v) {
     c.stop.max_iterations =
         v.type == V::Type::None ? std::nullopt : std::optional<long>(static_cast<long>(v.whole));
     return true;
   }},
  {"speed", K::NumberOrMax, 0,
   "speed (iterations per second) must be a number from 1 to 100000, or max",
   "a number of iterations per second or \"max\"",
   [](const Config& c) { return c.view.speed_max ? V::max() : V::of(c.view.speed); },
   [](Config& c, const V& v) {
     c.view.speed_max = v.type == V::Type::Max;
     if (!c.view.speed_max) c.view.speed = v.number;
     return true;
   }},
  {"walk", K::Flag, 0, {}, {},
   [](const Config& c) { return V::of_flag(c.view.walkthrough); },
   [](Config& c, const V& v) { c.view.walkthrough = v.flag; return true; }},
  {"autoplay", K::Flag, 0, {}, {},
   [](const Config& c) { return V::of_flag(c.view.autoplay); },
   [](Config& c, const V& v) { c.view.autoplay = v.flag; return true; }},
  {"grads", K::Flag, 0, {}, {},
   [](const Config& c) { return V::of_flag(c.view.show_gradients); },
   [](Config& c, const V& v) { c.view.show_gradients = v.flag; return true; }},
  {"discretize", K::Flag, 0, {}, {},
   [](const Config& c) { return V::of_flag(c.view.discretize); },
   [](Config& c, const V& v) { c.view.discretize = v.flag; return true; }},
  {"test", K::Flag, 0, {}, {},
   [](const Config& c) { return V::of_flag(c.view.show_test); },
   [](Config& c, const V& v) { c.view.show_test = v.flag; return true; }},
  special("select"),
  // Any name here; validate() says which tabs there are.
  {"tab", K::Name, 0, {}, "a string",
   [](const Config& c) { return V::of_name(c.view.tab); },
   [](Config& c, const V& v) { c.view.tab = v.name; return true; }},
  special("hide"),
  special("open"),
  {"theme", K::Name, 0, "dark, light or system", "\"dark\", \"light\" or \"system\"",
   [](const Config& c) { return V::of_name(name(c.view.theme)); },
   [](Config& c, const V& v) {
     const std::optional<Theme> t = parse_theme(v.name);
     if (t) c.view.theme = *t;
     return t.has_value();
   }},
}};
// clang-format on

std::string data_name(const Config& c) {
  return std::string(c.source == DataSource::Generated ? name(c.data.kind) : name(c.source));
}

bool set_data_name(Config& c, std::string_view v) {
  if (v == "chapter") {
    c.source = DataSource::Chapter;
  } else if (v == "custom") {
    c.source = DataSource::Custom;
  } else if (const std::optional<DataSetKind> k = parse_dataset_kind(v)) {
    c.source = DataSource::Generated;
    c.data.kind = *k;
  } else {
    return false;
  }
  return true;
}

const Setting* find_setting(std::string_view key) {
  for (const Setting& s : kSettings)
    if (s.key == key) return &s;
  return nullptr;
}

const std::string& link_keys() {
  static const std::string keys = [] {
    std::string out;
    for (const Setting& s : kSettings) {
      out += out.empty() ? "" : ", ";
      out += s.key;
      if (s.key == "features") out += ", rows, testrows";  // where the link writes them
      if (s.key == "out") out += ", activations";
    }
    return out + ", weights, biases";
  }();
  return keys;
}

}  // namespace bp

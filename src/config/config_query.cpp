// The link form of a Config: "seed=7&data=circle&hidden=8,8&act=tanh&lr=0.03". Parsed on top
// of a default Config, then validated as a whole; written as only what differs.
#include <climits>
#include <cmath>
#include <cstring>
#include <set>

#include "config.hpp"
#include "setting_table.hpp"
#include "text.hpp"

namespace bp {
namespace {

// Splits text at the first sep: returns the part before it and leaves the rest in text.
std::string_view take_until(std::string_view& text, char sep) {
  const std::size_t at = text.find(sep);
  const std::string_view head = text.substr(0, at);
  text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
  return head;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// '+' stays '+' (numbers like 1e+5 are written in links as they are).
std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    const int hi = hex_digit(s[i + 1]);
    const int lo = hex_digit(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string percent_encode(std::string_view s) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == ',' || c == '(' ||
                       c == ')' || c == '*' || c == '!' || c == ':';
    if (plain) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::vector<std::string_view> split_list(std::string_view value) {
  std::vector<std::string_view> items;
  if (value.empty()) return items;
  while (true) {
    const std::size_t at = value.find(',');
    items.push_back(value.substr(0, at));
    if (at == std::string_view::npos) break;
    value.remove_prefix(at + 1);
  }
  return items;
}

Error bad(std::string_view key, std::string_view what, std::string_view value) {
  return Error{std::string(key) + " must be " + std::string(what) + ", not " + quoted(value)};
}

Status get_int(std::string_view key, std::string_view value, int& out, const char* range) {
  const std::optional<std::uint64_t> v = parse_whole(value, INT_MAX);
  if (!v) return bad(key, std::string("a whole number ") + range, value);
  out = static_cast<int>(*v);
  return {};
}

Status get_numbers(std::string_view key, std::string_view value, std::vector<double>& out) {
  const std::vector<std::string_view> items = split_list(value);
  if (items.empty()) return Error{std::string(key) + " must be a comma-separated list of numbers"};
  out.clear();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Result<double> v = read_number(items[i]);
    if (!v) return Error{std::string(key) + ": value " + std::to_string(i + 1) + ": " + v.error()};
    out.push_back(v.value());
  }
  return {};
}

Status get_activations(std::string_view key, std::string_view value, std::vector<Activation>& out) {
  out.clear();
  for (std::string_view item : split_list(value)) {
    const std::optional<Activation> f = parse_activation(item);
    if (!f)
      return Error{std::string(key) + ": unknown activation " + quoted(item) +
                   " (use sigmoid, tanh, relu or linear)"};
    out.push_back(*f);
  }
  return {};
}

// What parse_query gives for the hidden activations when the link sets hidden but not act:
// the defaults' per layer, the last of them repeated for added layers.
std::vector<Activation> inferred_activations(const Config& defaults, std::size_t n) {
  std::vector<Activation> out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i < defaults.activations.size())
      out.push_back(defaults.activations[i]);
    else
      out.push_back(defaults.activations.empty() ? Activation::Sigmoid
                                                 : defaults.activations.back());
  }
  return out;
}

bool same_weight_layout(const Config& a, const Config& b) {
  const NetworkSpec x = network_spec(a);
  const NetworkSpec y = network_spec(b);
  return x.sizes == y.sizes && x.biases == y.biases;
}

// A setting of a simple kind (setting_table.hpp) from its text in the link.
Status read_link(const Setting& row, std::string_view key, std::string_view v, Config& c) {
  using K = SettingKind;
  const bool or_none = row.kind == K::NumberOrNone || row.kind == K::WholeOrNone;
  if ((or_none && v == "none") || (row.kind == K::NumberOrMax && v == "max")) {
    row.set(c, v == "none" ? SettingValue::none() : SettingValue::max());
    return {};
  }
  SettingValue x;
  switch (row.kind) {
    case K::Number:
    case K::NumberOrNone:
    case K::NumberOrMax: {
      const Result<double> n = read_number(v);
      if (!n) {
        if (row.kind == K::NumberOrMax)
          return Error{std::string(row.link_expects) + ": " + n.error()};
        return Error{std::string(key) + ": " + n.error()};
      }
      x = SettingValue::of(n.value());
      break;
    }
    case K::Whole:
    case K::WholeOrNone: {
      const std::optional<std::uint64_t> n = parse_whole(v, row.max);
      if (!n) return bad(key, row.link_expects, v);
      x = SettingValue::of_whole(*n);
      break;
    }
    case K::Flag:
      if (v == "1" || v == "true") {
        x = SettingValue::of_flag(true);
      } else if (v == "0" || v == "false") {
        x = SettingValue::of_flag(false);
      } else {
        return bad(key, "1 or 0", v);
      }
      break;
    case K::Name: x = SettingValue::of_name(v); break;
    case K::Special: return Error{std::string(key) + " has no generic reader"};
  }
  if (!row.set(c, x)) return bad(key, row.link_expects, v);
  return {};
}

// A setting's value as the link writes it.
std::string link_text(const SettingValue& v) {
  switch (v.type) {
    case SettingValue::Type::None: return "none";
    case SettingValue::Type::Max: return "max";
    case SettingValue::Type::Number: return format_number(v.number);
    case SettingValue::Type::Whole: return std::to_string(v.whole);
    case SettingValue::Type::Flag: return v.flag ? "1" : "0";
    case SettingValue::Type::Name: return v.name;
  }
  return {};
}

}  // namespace

Result<Config> parse_query(std::string_view query, const Config& defaults) {
  if (query.size() > kMaxQueryBytes)
    return Error{"the link's settings are " + describe_bytes(query.size()) + ", more than the " +
                 describe_bytes(kMaxQueryBytes) + " the page takes in one piece"};
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);

  Config c = defaults;
  c.diverged = false;  // a link has no such mark
  std::set<std::string> seen;
  std::optional<std::vector<Activation>> act;
  std::optional<std::vector<Activation>> legacy;
  std::optional<std::vector<double>> weights;
  std::optional<std::vector<double>> biases;
  std::optional<std::vector<double>> rows;
  std::optional<int> test_rows;
  bool hidden_given = false;

  while (!query.empty()) {
    std::string_view pair = take_until(query, '&');
    if (pair.empty()) continue;
    const std::string_view raw_key = take_until(pair, '=');
    const std::optional<std::string> decoded_key = percent_decode(raw_key);
    const std::optional<std::string> decoded_value = percent_decode(pair);
    if (!decoded_key) return Error{"bad %-escape in the setting name " + quoted(raw_key)};
    const std::string& key = *decoded_key;
    if (!decoded_value) return Error{key + ": bad %-escape in " + quoted(pair)};
    const std::string_view v = *decoded_value;
    if (!seen.insert(key).second) return Error{key + " is given twice in the link"};

    Status s;
    if (const Setting* row = find_setting(key); row && row->kind != SettingKind::Special) {
      s = read_link(*row, key, v, c);
    } else if (key == "data") {
      if (!set_data_name(c, v))
        return bad(key, "chapter, custom, circle, xor, gaussians, spiral, plane or gaussian_bump",
                   v);
    } else if (key == "features") {
      Result<FeatureSet> f = FeatureSet::parse(v);
      if (!f) return Error{"features: " + f.error()};
      c.features = *f;
    } else if (key == "rows") {
      rows.emplace();
      s = get_numbers(key, v, *rows);
    } else if (key == "testrows") {
      test_rows.emplace();
      s = get_int(key, v, *test_rows, "of rows (the last ones) in the test set");
    } else if (key == "hidden") {
      hidden_given = true;
      c.hidden.clear();
      for (std::string_view item : split_list(v)) {
        int n = 0;
        if (Status e = get_int("hidden", item, n, "of units from 1 to 16"); !e)
          return Error{e.error()};
        if (c.hidden.size() >= static_cast<std::size_t>(kMaxHiddenLayers))
          return Error{"hidden: at most " + std::to_string(kMaxHiddenLayers) + " hidden layers"};
        c.hidden.push_back(n);
      }
    } else if (key == "act") {
      act.emplace();
      s = get_activations(key, v, *act);
    } else if (key == "activations") {
      legacy.emplace();
      s = get_activations(key, v, *legacy);
    } else if (key == "select") {
      const std::vector<std::string_view> items = split_list(v);
      int k[3] = {0, 0, 0};
      bool ok = items.size() == 3;
      for (std::size_t i = 0; ok && i < 3; ++i) {
        const std::optional<std::uint64_t> x = parse_whole(items[i], 1000);
        ok = x.has_value();
        if (ok) k[i] = static_cast<int>(*x);
      }
      if (!ok) return bad(key, "layer,row,col (e.g. 1,0,2: W1 row 0 column 2)", v);
      c.view.selected = WeightRef{k[0], k[1], k[2]};
    } else if (key == "hide") {
      c.view.hidden.clear();
      for (std::string_view item : split_list(v)) c.view.hidden.emplace_back(item);
    } else if (key == "open") {
      c.view.open.clear();
      for (std::string_view item : split_list(v)) c.view.open.emplace_back(item);
    } else if (key == "weights") {
      weights.emplace();
      s = get_numbers(key, v, *weights);
    } else if (key == "biases") {
      biases.emplace();
      s = get_numbers(key, v, *biases);
    } else {
      return Error{"unknown setting " + quoted(key) + " in the link (known: " + link_keys() + ")"};
    }
    if (!s) return Error{s.error()};
  }

  // Activations: act and out, or the chapter page's one list per weight layer.
  if (legacy) {
    if (act || seen.count("out"))
      return Error{"activations: give either activations or act and out, not both"};
    if (legacy->size() != c.hidden.size() + 1)
      return Error{"activations has " + std::to_string(legacy->size()) +
                   " names; this network has " + std::to_string(c.hidden.size() + 1) +
                   " weight layers (one name each)"};
    c.output = legacy->back();
    c.activations.assign(legacy->begin(), legacy->end() - 1);
  } else {
    if (act) {
      c.activations =
          act->size() == 1 ? std::vector<Activation>(c.hidden.size(), act->front()) : *act;
    } else if (hidden_given) {
      c.activations = inferred_activations(defaults, c.hidden.size());
    }
  }

  // Custom rows.
  if (rows) {
    if (c.source != DataSource::Custom) return Error{"rows are only for data=custom"};
    if (rows->size() % 3 != 0)
      return Error{"rows must be x1,x2,label triples: " + std::to_string(rows->size()) +
                   " numbers is not a multiple of 3"};
    const auto n = static_cast<Eigen::Index>(rows->size() / 3);
    if (n > kMaxCustomRows)
      return Error{"rows: at most " + std::to_string(kMaxCustomRows) + " rows, not " +
                   std::to_string(n)};
    c.rows.X.resize(n, 2);
    c.rows.Y.resize(n, 1);
    for (Eigen::Index r = 0; r < n; ++r) {
      const auto at = static_cast<std::size_t>(r) * 3;
      c.rows.X(r, 0) = (*rows)[at];
      c.rows.X(r, 1) = (*rows)[at + 1];
      c.rows.Y(r, 0) = (*rows)[at + 2];
    }
  } else if (c.source != DataSource::Custom) {
    c.rows = Dataset{};
  } else if (defaults.source != DataSource::Custom) {
    return Error{"data=custom needs rows (x1,x2,label,x1,x2,label,...)"};
  }
  if (test_rows) {
    c.test_rows = test_rows;
  } else if (rows || c.source != DataSource::Custom) {
    c.test_rows.reset();  // new rows: train and dataseed split them
  }

  // Weights and biases: given, or the defaults' if they still fit, or none.
  const bool keep =
      defaults.seed == c.seed && defaults.init == c.init && same_weight_layout(defaults, c);
  if (!keep) {
    c.weights.clear();
    c.bias_values.clear();
  }
  {
    // The shape first: the weights below are laid out by it.
    Config shape = c;
    shape.weights.clear();
    shape.bias_values.clear();
    if (Status s = validate(shape); !s) return Error{s.error()};
  }
  const NetworkSpec spec = network_spec(c);
  const std::size_t layers = spec.sizes.size() - 1;
  if (weights) {
    std::size_t need = 0;
    for (std::size_t l = 0; l < layers; ++l)
      need += static_cast<std::size_t>(spec.sizes[l]) * static_cast<std::size_t>(spec.sizes[l + 1]);
    if (weights->size() != need)
      return Error{"weights has " + std::to_string(weights->size()) +
                   " numbers; this network needs " + std::to_string(need) +
                   " (every W row by row, W1 first)"};
    c.weights.clear();
    std::size_t at = 0;
    for (std::size_t l = 0; l < layers; ++l) {
      Matrix m(spec.sizes[l], spec.sizes[l + 1]);
      for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index k = 0; k < m.cols(); ++k) m(r, k) = (*weights)[at++];
      c.weights.push_back(std::move(m));
    }
  }
  if (biases) {
    if (!c.biases) return Error{"biases are given but the network has none (bias=0)"};
    std::size_t need = 0;
    for (std::size_t l = 1; l <= layers; ++l) need += static_cast<std::size_t>(spec.sizes[l]);
    if (biases->size() != need)
      return Error{"biases has " + std::to_string(biases->size()) +
                   " numbers; this network needs " + std::to_string(need) + " (every b, b1 first)"};
    c.bias_values.clear();
    std::size_t at = 0;
    for (std::size_t l = 1; l <= layers; ++l) {
      RowVector b(spec.sizes[l]);
      for (Eigen::Index k = 0; k < b.size(); ++k) b(k) = (*biases)[at++];
      c.bias_values.push_back(std::move(b));
    }
  }
  if (Status s = validate(c); !s) return Error{s.error()};
  return c;
}

std::string to_query(const Config& c, bool with_weights, const Config& d) {
  std::string q;
  const auto put = [&q](std::string_view key, const std::string& value) {
    if (!q.empty()) q += '&';
    q += key;
    q += '=';
    q += percent_encode(value);
  };
  const auto list_numbers = [](const auto& begin, const auto& end) {
    std::string s;
    for (auto it = begin; it != end; ++it) {
      if (!s.empty()) s += ',';
      s += format_number(*it);
    }
    return s;
  };

  const auto names = [](const std::vector<std::string>& list) {
    std::string s;
    for (const std::string& n : list) s += (s.empty() ? "" : ",") + n;
    return s;
  };
  bool hidden_written = false;
  for (const Setting& row : kSettings) {
    if (row.kind != SettingKind::Special) {
      const SettingValue value = row.get(c);
      if (value != row.get(d)) put(row.key, link_text(value));
    } else if (row.key == "data") {
      if (data_name(c) != data_name(d)) put("data", data_name(c));
    } else if (row.key == "features") {
      if (c.features != d.features) put("features", c.features.to_string());
      if (c.source == DataSource::Custom) {
        std::string s;
        for (Eigen::Index r = 0; r < c.rows.X.rows(); ++r) {
          if (r > 0) s += ',';
          s += format_number(c.rows.X(r, 0)) + "," + format_number(c.rows.X(r, 1)) + "," +
               format_number(c.rows.Y(r, 0));
        }
        put("rows", s);
        if (c.test_rows) put("testrows", std::to_string(*c.test_rows));
      }
    } else if (row.key == "hidden") {
      hidden_written = c.hidden != d.hidden;
      if (hidden_written) {
        std::string s;
        for (int n : c.hidden) s += (s.empty() ? "" : ",") + std::to_string(n);
        put("hidden", s);
      }
    } else if (row.key == "act") {
      const std::vector<Activation> inferred =
          hidden_written ? inferred_activations(d, c.hidden.size()) : d.activations;
      if (c.activations != inferred) {
        bool all_same = !c.activations.empty();
        for (Activation f : c.activations) all_same = all_same && f == c.activations.front();
        std::string s;
        if (all_same) {
          s = std::string(name(c.activations.front()));
        } else {
          for (Activation f : c.activations) s += (s.empty() ? "" : ",") + std::string(name(f));
        }
        put("act", s);
      }
    } else if (row.key == "select") {
      const WeightRef& w = c.view.selected;
      if (!(w == d.view.selected))
        put("select",
            std::to_string(w.layer) + "," + std::to_string(w.row) + "," + std::to_string(w.col));
    } else if (row.key == "hide") {
      if (c.view.hidden != d.view.hidden) put("hide", names(c.view.hidden));
    } else if (row.key == "open") {
      if (c.view.open != d.view.open) put("open", names(c.view.open));
    }
  }
  // A diverged run's weights (NaN or infinite) have no text that reads back: the link then
  // opens with the settings and rows, and the seed's initial weights.
  with_weights = with_weights && weights_finite(c);
  if (with_weights && !c.weights.empty()) {
    std::string s;
    for (const Matrix& m : c.weights) {
      const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rm = m;
      if (!s.empty() && rm.size() > 0) s += ',';
      s += list_numbers(rm.data(), rm.data() + rm.size());
    }
    put("weights", s);
  }
  if (with_weights && !c.bias_values.empty()) {
    std::string s;
    for (const RowVector& b : c.bias_values) {
      if (!s.empty() && b.size() > 0) s += ',';
      s += list_numbers(b.data(), b.data() + b.size());
    }
    put("biases", s);
  }
  return q;
}

}  // namespace bp

// Save, load and share: a link to the page as it is now (the address bar and the clipboard),
// the settings and weights as a JSON file, the data and the loss curve as CSV, the view as a
// PNG, and a file opened from disk (or dropped on the page). The browser does the copying and
// the file dialogs (src/platform), asked through AppState::requests; the core writes and
// reads every format (core/config.hpp).
#include "../panels.hpp"

#include <string>
#include <utility>

#include <imgui.h>

#include "../ui.hpp"
#include "config/csv.hpp"

namespace bp::app {
namespace {

void ask(AppState& s, PlatformRequest::Kind kind, std::string name = {}, std::string mime = {},
         std::string text = {}) {
  s.requests.push_back(PlatformRequest{kind, std::move(name), std::move(mime), std::move(text)});
}

void tooltip(const char* text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ui::tooltip("%s", text);
}

}  // namespace

void draw_share(AppState& s) {
  ImGui::SetNextItemOpen(s.share_open, ImGuiCond_Always);
  s.share_open = ui::section_header("Save, load and share", s.scale);
  ui::track(s, "Share header");
  if (!s.share_open) return;
  const float gap = 12 * s.scale;

  if (ImGui::Button("Copy link")) {
    ask(s, PlatformRequest::Kind::CopyLink, {}, {}, page_query(s.config(), s.link_weights));
    s.file_message = s.link_weights ? "The link, with the weights, is in the address bar and "
                                      "on the clipboard."
                                    : "The link is in the address bar and on the clipboard.";
  }
  ui::track(s, "Copy link");
  tooltip(
      "A link that opens this page as it is now: data, network, training settings, what is "
      "shown. With the same seed it gives the same run.");
  ImGui::SameLine(0, gap);
  ImGui::Checkbox("with the weights", &s.link_weights);
  ui::track(s, "Link weights");
  tooltip("Also put the current weights in the link (a long link), to pick up from here");

  if (ImGui::Button("Save settings and weights (JSON)"))
    ask(s, PlatformRequest::Kind::Download, "backprop.json", "application/json",
        config_to_json(s.config(), true, true));
  ui::track(s, "Save JSON");
  tooltip("A file backprop-cli --load reads too (docs/format.md)");
  ImGui::SameLine(0, gap);
  if (ImGui::Button("Save loss curve (CSV)"))
    ask(s, PlatformRequest::Kind::Download, "loss.csv", "text/csv", loss_history_to_csv(s.history));
  ui::track(s, "Save loss CSV");

  ImGui::BeginDisabled(!s.two_d());
  if (ImGui::Button("Save data (CSV)")) {
    Result<std::string> csv = data_to_csv(concat(s.points.train, s.points.test));
    if (csv)
      ask(s, PlatformRequest::Kind::Download, "data.csv", "text/csv", std::move(csv.value()));
    else
      s.file_message = "Not saved: " + csv.error();
  }
  ImGui::EndDisabled();
  ui::track(s, "Save data CSV");
  tooltip(s.two_d() ? "The points as x1,x2,label lines, training then test"
                    : "For 2-D data; the chapter's table is part of the JSON file");
  ImGui::SameLine(0, gap);
  if (ImGui::Button("Save picture (PNG)"))
    ask(s, PlatformRequest::Kind::SavePicture, "backprop.png");
  ui::track(s, "Save PNG");

  if (ImGui::Button("Open a file...")) ask(s, PlatformRequest::Kind::OpenFile);
  ui::track(s, "Open file");
  tooltip("A JSON file saved here (settings and weights) or a CSV of x1,x2,label lines");
  ImGui::SameLine(0, gap);
  ui::muted_wrapped("or drop one on the page");
  if (!s.file_message.empty()) {
    if (s.file_message.rfind("Not ", 0) == 0)
      ui::error_wrapped(s.file_message.c_str());
    else
      ui::muted_wrapped(s.file_message.c_str());
    ui::track(s, "File message");
  }
  ImGui::Spacing();
}

}  // namespace bp::app

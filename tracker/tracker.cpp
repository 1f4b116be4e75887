#include "tracker/tracker.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "tracker/import.hpp"

namespace foialens::tracker {
namespace fs = std::filesystem;

namespace {

std::string known_ids(const auto& map) {
  std::string out;
  for (const auto& [id, value] : map) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// The data files of one kind, in name order so that loading is deterministic.
std::vector<fs::path> toml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Result<Catalog> Catalog::load(const fs::path& data_root) {
  Catalog c;
  const fs::path data = data_root / "data";
  for (const fs::path& f : toml_files(data / "laws")) {
    auto law = Law::load(f);
    if (!law) return law.error();
    c.laws.emplace(law->id, std::move(*law));
  }
  for (const fs::path& f : toml_files(data / "calendars")) {
    auto cal = Calendar::load(f);
    if (!cal) return cal.error();
    c.calendars.emplace(cal->id(), std::move(*cal));
  }
  if (c.laws.empty() || c.calendars.empty()) {
    return Error::run(data.string() + ": no laws or calendars found (set FOIALENS_DATA_DIR to the "
                                      "folder that holds data/)");
  }
  for (const fs::path& f : toml_files(data / "regulations")) {
    auto reg = Regulation::load(f);
    if (!reg) return reg.error();
    const auto base = c.laws.find(reg->law);
    if (base == c.laws.end()) return Error::run(f.string() + ": unknown law '" + reg->law + "'");
    for (const std::string& agency : reg->agencies) {
      c.refined_.emplace(reg->law + "|" + agency, reg->refine(base->second));
    }
    c.regulations.push_back(std::move(*reg));
  }
  auto dir = Directory::load(data / "agencies.toml");
  if (!dir) return dir.error();
  c.directory = std::move(*dir);
  for (const Agency& a : c.directory.all()) {
    if (!c.laws.count(a.law) || !c.calendars.count(a.calendar)) {
      return Error::run((data / "agencies.toml").string() + ": agency " + a.id +
                        ": unknown law or calendar");
    }
  }
  return c;
}

Result<const Law*> Catalog::law(std::string_view id) const {
  const auto it = laws.find(text::lower_ascii(id));
  if (it == laws.end()) {
    return Error::input("unknown law '" + std::string(id) + "' (known: " + known_ids(laws) + ")");
  }
  return &it->second;
}

Result<const Law*> Catalog::law_for(std::string_view id, std::string_view agency) const {
  auto base = law(id);
  if (!base) return base;
  const auto it = refined_.find((*base)->id + "|" + std::string(agency));
  return it == refined_.end() ? *base : &it->second;
}

Result<const Calendar*> Catalog::calendar(std::string_view id) const {
  const auto it = calendars.find(text::lower_ascii(id));
  if (it == calendars.end()) {
    return Error::input("unknown calendar '" + std::string(id) + "' (known: " +
                        known_ids(calendars) + ")");
  }
  return &it->second;
}

Result<Tracker> Tracker::open(const fs::path& home, const fs::path& data_root) {
  auto catalog = Catalog::load(data_root);
  if (!catalog) return catalog.error();
  auto store = Store::open(home);
  if (!store) return store.error();
  auto added = store->agencies();
  if (!added) return added.error();
  for (Agency& a : *added) catalog->directory.add(std::move(a));
  return Tracker(std::move(*catalog), std::move(*store));
}

Result<RequestRecord> Tracker::prepare(const NewRequest& in) const {
  auto agency = catalog_.directory.find(in.agency);
  if (!agency) return agency.error();
  auto law = catalog_.law(in.law.empty() ? (*agency)->law : in.law);
  if (!law) return law.error();
  const std::string subject = text::squash_spaces(in.subject);
  if (subject.empty()) return Error::input("a request needs a subject (--subject)");
  RequestRecord r;
  r.agency = (*agency)->id;
  r.law = (*law)->id;
  r.subject = subject;
  r.requester = in.requester;
  r.organization = in.organization;
  r.agency_due = in.agency_due;
  r.source = in.source;
  for (const std::string& t : in.tracking) {
    const std::string number(text::trim(t));
    if (!number.empty()) r.tracking.push_back({number, "initial"});
  }
  for (const std::string& t : in.tags) {
    const std::string tag = text::lower_ascii(text::trim(t));
    if (!tag.empty()) r.tags.push_back(tag);
  }
  return r;
}

Result<long> Tracker::add(const NewRequest& in, Date today) {
  auto record = prepare(in);
  if (!record) return record.error();
  // Kept so that a log listing this request later is recognised as the same request.
  const Date filed = in.filed.value_or(today);
  record->import_key = import_key(record->agency, record->tracking.empty() ? "" : record->tracking.front().number,
                                  filed, record->requester, record->subject);
  return store_.add_request(*record, filed);
}

RequestView Tracker::make_view(RequestRecord record, std::vector<Event> events, Date today) {
  RequestView v;
  v.events = in_order(std::move(events));
  for (const Event& e : v.events) {
    if (e.kind == EventKind::filed) v.filed = e.date;
  }
  auto agency = catalog_.directory.find(record.agency);
  v.agency = agency ? *agency : nullptr;
  auto law = catalog_.law_for(record.law, record.agency);
  v.law = law ? *law : nullptr;
  if (v.agency) {
    auto cal = catalog_.calendar(v.agency->calendar);
    v.calendar = cal ? *cal : nullptr;
  }
  if (v.law && v.calendar) {
    v.assessment = assess(*v.law, *v.calendar, v.events, today);
  } else {
    v.assessment.notes.push_back("the agency, law or calendar of this request is no longer known: "
                                 "no deadline computed");
  }
  v.documents = store_.documents_for(record.id);
  v.record = std::move(record);
  return v;
}

Result<RequestView> Tracker::view(long id, Date today) {
  std::optional<RequestView> out;
  Status st = store_.snapshot([&]() -> Status {
    auto record = store_.request(id);
    if (!record) return record.error();
    auto events = store_.events(id);
    if (!events) return events.error();
    out = make_view(std::move(*record), std::move(*events), today);
    return Ok{};
  });
  if (!st) return st.error();
  return std::move(*out);
}

Result<std::vector<RequestView>> Tracker::list(const ListFilter& f, Date today) {
  std::vector<RequestView> out;
  Status st = store_.snapshot([&]() -> Status { return collect(f, today, out); });
  if (!st) return st.error();
  std::stable_sort(out.begin(), out.end(), [](const RequestView& x, const RequestView& y) {
    const auto& a = x.assessment.next_due;
    const auto& b = y.assessment.next_due;
    if (a.has_value() != b.has_value()) return a.has_value();
    if (a && b && *a != *b) return *a < *b;
    return x.record.id < y.record.id;
  });
  return out;
}

Status Tracker::collect(const ListFilter& f, Date today, std::vector<RequestView>& out) {
  auto records = store_.requests();
  if (!records) return records.error();
  for (RequestRecord& r : *records) {
    if (!f.agency.empty() && r.agency != f.agency) continue;
    if (!f.tag.empty() &&
        std::find(r.tags.begin(), r.tags.end(), text::lower_ascii(f.tag)) == r.tags.end()) {
      continue;
    }
    auto events = store_.events(r.id);
    if (!events) return events.error();
    RequestView v = make_view(std::move(r), std::move(*events), today);
    const Assessment& a = v.assessment;
    if (f.status && a.status != *f.status) continue;
    // By default: what still needs attention, the open requests and those that may
    // still be appealed.
    if (!f.all && !f.status && !a.open && !a.appeal_by) continue;
    if (f.overdue && !(a.next_due && a.days_left < 0) && a.status != RequestStatus::overdue) continue;
    if (f.due_within && !(a.next_due && a.days_left <= *f.due_within)) continue;
    out.push_back(std::move(v));
  }
  return Ok{};
}

Status Tracker::log(long id, Event event) {
  return store_.transaction([&]() -> Status {
    auto record = store_.request(id);
    if (!record) return record.error();
    auto law = catalog_.law_for(record->law, record->agency);
    if (!law) return law.error();
    auto events = store_.events(id);
    if (!events) return events.error();
    const std::vector<Event> ordered = in_order(std::move(*events));
    if (Status ok = check_event(**law, ordered, event); !ok) return ok;
    return store_.add_event(id, event);
  });
}

Status Tracker::link(long id, const std::string& doc_id) {
  auto norm = normalize_doc_id(doc_id);
  if (!norm) return norm.error();
  return store_.transaction([&]() -> Status {
    if (!store_.request_exists(id)) {
      return Error::input("no request with id " + std::to_string(id));
    }
    return store_.link_document(id, *norm);
  });
}

Status Tracker::add_agency(Agency a) {
  a.id = text::lower_ascii(text::trim(a.id));
  if (a.id.empty() || a.name.empty()) return Error::input("an agency needs an id and a name");
  for (char c : a.id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      return Error::input("agency id '" + a.id + "': use letters, digits and '-' only");
    }
  }
  if (auto existing = catalog_.directory.find(a.id); existing) {
    return Error::input("agency '" + a.id + "' already exists: " + (*existing)->name);
  }
  if (auto law = catalog_.law(a.law); !law) return law.error();
  if (auto cal = catalog_.calendar(a.calendar); !cal) return cal.error();
  a.user_added = true;
  if (Status st = store_.add_agency(a); !st) return st;
  catalog_.directory.add(std::move(a));
  return Ok{};
}

Result<std::string> normalize_doc_id(std::string_view id) {
  const std::string lower = text::lower_ascii(text::trim(id));
  const bool hex = !lower.empty() && std::all_of(lower.begin(), lower.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
  if (!hex || lower.size() < 12 || lower.size() > 64) {
    return Error::input("document id '" + std::string(id) +
                        "': expected 12 to 64 hexadecimal digits (as 'foialens docs' prints)");
  }
  return lower;
}

}  // namespace foialens::tracker

// The QĐ 766 rule sets: the built-in national-portal profile and the checks every rule set passes.
// The evidence of each rule is in docs/dossiers.md ("The index rules").
#include "da06/dossier_index.hpp"

#include "da06/error.hpp"
#include "../format/text.hpp"

#include <set>

namespace da06 {
inline namespace v1 {

std::string_view to_string(ZeroRule z) noexcept { return z == ZeroRule::full ? "full" : "zero"; }

std::string_view to_string(RuleEvidence e) noexcept {
  switch (e) {
    case RuleEvidence::official: return "official";
    case RuleEvidence::portal: return "portal";
    case RuleEvidence::document: return "document";
    case RuleEvidence::inferred: return "inferred";
  }
  return "inferred";
}

const IndexGroup* IndexRules::group(std::string_view code) const noexcept {
  for (const auto& g : groups)
    if (g.code == code) return &g;
  return nullptr;
}

const IndexIndicator* IndexRules::indicator(std::string_view code) const noexcept {
  for (const auto& i : indicators)
    if (i.code == code) return &i;
  return nullptr;
}

void IndexRules::validate() const {
  auto where = [](const std::string& path, const std::string& field) {
    Location l;
    l.path = path;
    l.field = field;
    return l;
  };
  // Codes are quoted as bounded excerpts: a rule set read from a file may hold a megabyte-long one.
  auto q = [](const std::string& code) { return detail::quoted_excerpt(code, 40); };
  if (version.empty()) throw DataError("a rule set needs a version", where("$.version", "version"));
  if (decimals < 0 || decimals > 6) throw DataError("decimals must be 0..6", where("$.decimals", "decimals"));
  // At most a million points per group or indicator: sums of maxima then stay far inside int64.
  std::int64_t most = 1'000'000;
  for (int k = 0; k < decimals; ++k) most *= 10;
  auto check_points = [&](std::int64_t v, const std::string& path, const std::string& what) {
    if (v < 0) throw DataError(what + "max_points is negative", where(path + ".max_points", "max_points"));
    if (v > most) throw DataError(what + "max_points is over 1 000 000", where(path + ".max_points", "max_points"));
  };
  std::set<std::string, std::less<>> group_codes, seen;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string path = "$.groups[" + std::to_string(g) + "]";
    if (groups[g].code.empty() || !group_codes.insert(groups[g].code).second)
      throw DataError("group code " + q(groups[g].code) + " is empty or repeated", where(path + ".code", "code"));
    check_points(groups[g].max_points, path, "");
  }
  std::map<std::string, std::int64_t, std::less<>> sums;
  for (std::size_t k = 0; k < indicators.size(); ++k) {
    const IndexIndicator& i = indicators[k];
    const std::string path = "$.indicators[" + std::to_string(k) + "]";
    const std::string name = "indicator " + q(i.code) + ": ";
    if (i.code.empty() || !seen.insert(i.code).second)
      throw DataError("indicator code " + q(i.code) + " is empty or repeated", where(path + ".code", "code"));
    if (!group_codes.count(i.group))
      throw DataError(name + "group " + q(i.group) + " is not defined", where(path + ".group", "group"));
    if (i.numerator.empty() || i.denominator.empty())
      throw DataError(name + "numerator and denominator counters are required", where(path, "numerator"));
    if (i.factor_numerator.empty() != i.factor_denominator.empty())
      throw DataError(name + "a factor needs both counters", where(path + ".factor", "factor"));
    if (i.threshold_numerator <= 0 || i.threshold_denominator <= 0 || i.threshold_numerator > i.threshold_denominator)
      throw DataError(name + "the threshold must be in (0, 1]", where(path + ".threshold", "threshold"));
    check_points(i.max_points, path, name);
    sums[i.group] += i.max_points;  // ≤ 10^12 each: under 9 million indicators cannot overflow
  }
  for (std::size_t g = 0; g < groups.size(); ++g)
    if (sums[groups[g].code] != groups[g].max_points)
      throw DataError("group " + q(groups[g].code) + ": its indicators' max_points add up to " +
                          std::to_string(sums[groups[g].code]) + ", not the group's " + std::to_string(groups[g].max_points) +
                          " (in units of 10^-" + std::to_string(decimals) + ")",
                      where("$.groups[" + std::to_string(g) + "].max_points", "max_points"));
}

namespace {

IndexIndicator ind(const char* code, const char* group, const char* number, const char* vi, const char* en, const char* num,
                   const char* den, std::int64_t max, std::int64_t tn, std::int64_t td, ZeroRule z, RuleEvidence e,
                   const char* note) {
  IndexIndicator i;
  i.code = code;
  i.group = group;
  i.number = number;
  i.name_vi = vi;
  i.name_en = en;
  i.numerator = num;
  i.denominator = den;
  i.max_points = max;
  i.threshold_numerator = tn;
  i.threshold_denominator = td;
  i.on_zero = z;
  i.evidence = e;
  i.note = note;
  return i;
}

}  // namespace

IndexRules portal_2026_rules() {
  using Z = ZeroRule;
  using E = RuleEvidence;
  IndexRules r;
  r.version = "portal-2026-10";
  r.title = "QĐ 766/QĐ-TTg index as the national portal computes it (observed Sept–Oct 2026)";
  r.source = "Quyết định 766/QĐ-TTg (23/6/2022); dichvucong.gov.vn /api/v1/reporting/evaluation/*";
  r.decimals = 2;
  r.groups = {
      {"CKMB", "Công khai, minh bạch", "Transparency", 1800},
      {"TDGQ", "Tiến độ, kết quả giải quyết", "Progress of processing", 2000},
      {"CLGQ", "Dịch vụ công trực tuyến", "Online public services", 1200},
      {"TTTT", "Thanh toán trực tuyến", "Online payment", 1000},
      {"MDSH", "Số hóa hồ sơ", "Digitisation", 2200},
      {"MDHL", "Mức độ hài lòng", "Satisfaction", 1800},
  };
  r.indicators = {
      ind("PUBLISH_ON_TIME", "CKMB", "1.1", "Tỷ lệ TTHC công bố đúng hạn", "Procedures published on time",
          "procedures_published_on_time", "procedures_published", 600, 1, 1, Z::zero, E::portal,
          "formula official; max 6 and linear rule from the portal"),
      ind("PUBLIC_UPDATE_ON_TIME", "CKMB", "1.2", "Tỷ lệ TTHC được cập nhật, công khai đúng hạn",
          "Procedures updated and made public on time", "procedures_updated_on_time", "procedures_update_due", 400, 1, 1,
          Z::zero, E::portal, "Hà Nội 2026: 65/80 → 3.25"),
      ind("PUBLIC_CONTENT_FULL", "CKMB", "1.3", "Tỷ lệ TTHC công khai đầy đủ các bộ phận tạo thành",
          "Procedures published with all their parts", "procedures_public_full", "procedures_public", 200, 1, 1, Z::zero,
          E::portal, "Hà Nội 2026: 78/80 → 1.95"),
      ind("DOSSIER_SYNC", "CKMB", "1.4", "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG", "Dossiers synchronised to the national portal",
          "synced", "received", 600, 1, 1, Z::zero, E::portal,
          "the portal's denominator is max(national reporting system, portal statistics); with no dossiers it falls "
          "back to last year ÷ 12 or ÷ 4 (document), not modelled: 0/0 gives 0"),
      ind("ON_TIME", "TDGQ", "2.1", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", "Dossiers processed early or on time",
          "on_time", "received", 2000, 1, 1, Z::zero, E::portal,
          "numerator: finished by the promised day plus open and not yet past it; linear, no threshold; 0/0 → 0"),
      ind("PROVIDE_ONLINE", "CLGQ", "3.1", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến",
          "Procedures offered online (partly or fully)", "procedures_online", "procedures_competent", 200, 4, 5, Z::zero,
          E::inferred, "weight 2 and 0/0 → 0 inferred (fit 4 of 4 observations); 80% threshold from a document"),
      ind("HAS_ONLINE", "CLGQ", "3.2", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ",
          "Online services that received an online dossier", "services_with_online_dossier", "online_services", 400, 1, 1,
          Z::zero, E::inferred, "weight 4, linear: inferred (fit 4 of 4 observations)"),
      ind("ONLINE_DOSSIERS", "CLGQ", "3.3", "Tỷ lệ hồ sơ nộp trực tuyến", "Dossiers submitted online", "online",
          "channel_total", 600, 1, 2, Z::zero, E::inferred,
          "weight 6 inferred; 50% threshold from a document; below 50% never observed; the document multiplies by the "
          "sync rate (portal_2026_rules_with_sync_factor)"),
      ind("PAY_DOSSIERS", "TTTT", "3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến", "Dossiers with fees paid online",
          "paid_online", "fee_obligation", 600, 1, 1, Z::zero, E::portal, "984 + 6 observations"),
      ind("PAY_FORMALITIES", "TTTT", "3.5b", "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến",
          "Procedures with an online payment", "procedures_with_paid_online", "procedures_with_fees", 200, 4, 5, Z::zero,
          E::portal, "the 80% cap is verified (Sở Công Thương Phú Thọ, 12/13 → 2)"),
      ind("PAY_PROVISION", "TTTT", "3.5a", "Tỷ lệ TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến",
          "Procedures with fees integrated with online payment", "procedures_with_fee_dossier", "procedures_with_fees", 200,
          4, 5, Z::zero, E::portal, ""),
      ind("ORIGINAL_RESULT_AVAILABLE", "MDSH", "4.1", "Tỷ lệ hồ sơ có cấp kết quả giải quyết TTHC điện tử",
          "Dossiers with an electronic result", "result_electronic", "received", 600, 1, 1, Z::zero, E::portal,
          "denominator observed = all dossiers received (the document says: of procedures needing a paper result)"),
      ind("SO_HOA_GIAY_TO_GIAI_QUYET", "MDSH", "4.2", "Tỷ lệ hồ sơ thực hiện số hóa hồ sơ", "Dossiers digitised",
          "digitised", "received", 400, 1, 1, Z::zero, E::portal, "linear on the portal (the document's 80% threshold is not applied)"),
      ind("REUSED_DIGITIZED_DATA", "MDSH", "4.3", "Tỷ lệ hồ sơ khai thác, sử dụng lại dữ liệu số hóa",
          "Dossiers reusing digitised data", "reused", "received", 200, 4, 5, Z::zero, E::portal, ""),
      ind("SYNCED_WITH_DVCQG_PERSONAL_STORAGE", "MDSH", "4.4", "Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ (kho dữ liệu cá nhân)",
          "Dossiers using the citizen's personal data store", "personal_store", "received", 400, 1, 1, Z::zero, E::portal,
          "weakly observed (0.73% → 0.03)"),
      ind("CITIZEN_DATA_CONNECTED_DOSSIER", "MDSH", "4.5b", "Tỷ lệ hồ sơ sử dụng dữ liệu dân cư",
          "Dossiers using the population database", "citizen_data", "received", 200, 1, 1, Z::zero, E::portal, ""),
      ind("CITIZEN_DATA_CONNECTED_FORMALITY", "MDSH", "4.5a", "Tỷ lệ TTHC kết nối, chia sẻ dữ liệu dân cư",
          "Procedures connected to the population database", "procedures_with_citizen_data", "procedures_for_individuals",
          200, 1, 1, Z::zero, E::portal, ""),
      ind("ELECTRONIC_CERTIFIED_COPY", "MDSH", "4.6", "Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính",
          "Communes offering electronic certified copies", "communes_with_certified_copy", "communes", 200, 1, 1, Z::full,
          E::portal, "null/null shows 100% and 2 points"),
      ind("PETITION_CLASSIFICATION_TTHC", "MDHL", "5.1", "Phân loại PAKN về TTHC", "Complaints about procedures (tracked)",
          "complaints_about_procedures", "complaints", 0, 1, 1, Z::zero, E::portal, "not scored"),
      ind("DOSSIER_RECEIVING_SATISFACTION", "MDHL", "5.4", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC",
          "Satisfaction with receiving and processing dossiers", "satisfied", "received", 600, 9, 10, Z::zero, E::portal,
          "satisfied = counted on time and neither rated dissatisfied nor complained about; 0/0 → 0 (crawler)"),
      ind("PETITION_PROCESSING_ON_TIME", "MDHL", "5.2", "Tỷ lệ PAKN xử lý đúng hạn", "Complaints handled on time",
          "complaints_on_time", "complaints", 600, 1, 1, Z::full, E::portal, "no complaints → 6 (xã Ba Vì)"),
      ind("PETITION_HANDLING_SATISFACTION", "MDHL", "5.3", "Tỷ lệ hài lòng trong xử lý PAKN",
          "Satisfaction with complaint handling", "complaints_satisfied", "complaints", 600, 1, 1, Z::full, E::portal,
          "no complaints → 6 (xã Ba Vì)"),
      ind("PETITION_CLASSIFICATION_STAFF", "MDHL", "5.1", "Phân loại PAKN về cán bộ", "Complaints about staff (tracked)",
          "complaints_about_staff", "complaints", 0, 1, 1, Z::zero, E::portal, "not scored"),
  };
  return r;
}

IndexRules portal_2026_rules_with_sync_factor() {
  IndexRules r = portal_2026_rules();
  r.version = "portal-2026-10+sync-factor";
  for (auto& i : r.indicators)
    if (i.code == "ONLINE_DOSSIERS") {
      i.factor_numerator = "synced";
      i.factor_denominator = "received";
      i.note = "the document's rule: online share × sync rate (never observed below 100% sync)";
    }
  return r;
}

}  // namespace v1
}  // namespace da06

// Internal: the field tables of the framework file format (docs/data-format.md). The reader
// (framework_read.cpp), the writer (framework_write.cpp) and the JSON Schema generator
// (framework_schema.cpp) all follow these tables, so a field is added in one place.
#pragma once

#include "da06/model.hpp"
#include "fields.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace da06::inline v1::detail::framework_format {

using records::Table;

/// What the reader keeps of every element of a top-level array: its id (when it is a string) and
/// its index, rejected elements included, for the duplicate and cross-reference checks.
struct SectionIds {
  std::map<std::string, std::vector<std::pair<std::string, std::size_t>>> by_section;
};

const Table<SourceRef>& source_ref_table();
const Table<DocumentRef>& document_ref_table();
const Table<PeriodRef>& period_ref_table();
const Table<SourceDocument>& source_document_table();
const Table<UtilityGroup>& utility_group_table();
const Table<TaskGroup>& task_group_table();
const Table<Task>& task_table();
const Table<ResolutionTask>& resolution_task_table();
const Table<Service>& service_table();
const Table<ParentLink>& parent_link_table();
const Table<OrgUnit>& unit_table();
const Table<Indicator>& indicator_table();
const Table<Change>& change_table();
const Table<Observation>& observation_table();
const Table<Total>& total_table();
const Table<TargetScope>& target_scope_table();
const Table<Milestone>& milestone_table();
const Table<Target>& target_table();
const Table<Claim>& claim_table();
const Table<Gap>& gap_table();
const Table<RuleTerm>& rule_term_table();
const Table<RuleSide>& rule_side_table();
const Table<ValidationRule>& validation_rule_table();
const Table<ObservationCandidate>& observation_candidate_table();
/// The top level. Its sections record their elements' ids in the SectionIds given to the frame.
const Table<FrameworkData>& framework_table();

/// The names of the top-level arrays, in the file's order, with the noun of one element ("task group").
const std::vector<std::pair<std::string, std::string>>& sections();

}  // namespace da06::inline v1::detail::framework_format

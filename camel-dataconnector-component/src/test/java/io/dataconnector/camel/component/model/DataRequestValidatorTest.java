package io.dataconnector.camel.component.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataRequestValidatorTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-12-31T00:00:00Z");

    private static DataRequest weekly() {
        DataRequest r = new DataRequest();
        r.setDescription("weekly extract");
        r.setScheduleInterval("WEEK");
        r.setReoccuringInterval(1);
        r.setEffectiveFrom(FROM);
        r.setEffectiveTo(TO);
        r.setServiceGroups(List.of("admin", "issues"));
        r.setProjectIdList(List.of("p1", "p2"));
        return r;
    }

    private static DataRequest oneTime() {
        DataRequest r = new DataRequest();
        r.setScheduleInterval("ONE_TIME");
        r.setEffectiveFrom(FROM);
        r.setServiceGroups(List.of("all"));
        return r;
    }

    private static void assertCreateFails(DataRequest r, String field, String... messageParts) {
        assertThatThrownBy(() -> DataRequestValidator.validateForCreate(r))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo(field))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field)
                .hasMessageContainingAll(messageParts);
    }

    private static DataRequest with(DataRequest r, Consumer<DataRequest> change) {
        change.accept(r);
        return r;
    }

    @Test
    void validRequestsPass() {
        assertThatCode(() -> DataRequestValidator.validateForCreate(weekly())).doesNotThrowAnyException();
        assertThatCode(() -> DataRequestValidator.validateForCreate(oneTime())).doesNotThrowAnyException();
        assertThatCode(() -> DataRequestValidator.validateForCreate(
                DataConnectorJson.toDataRequest(ReferenceExamples.CREATE_REQUEST_BODY.replace(
                        "\"effectiveTo\": \"2020-11-12T19:09:40.106Z\",", ""))))
                .doesNotThrowAnyException();
        for (String interval : List.of("DAY", "WEEK", "MONTH", "YEAR")) {
            assertThatCode(() -> DataRequestValidator.validateForCreate(
                    with(weekly(), r -> r.setScheduleInterval(interval)))).doesNotThrowAnyException();
        }
    }

    @Test
    void scheduleIntervalIsRequiredOnCreate() {
        assertCreateFails(with(weekly(), r -> r.setScheduleInterval(null)), "scheduleInterval", "required");
    }

    @Test
    void scheduleIntervalMustBeKnown() {
        assertCreateFails(with(weekly(), r -> r.setScheduleInterval("FORTNIGHT")), "scheduleInterval", "FORTNIGHT",
                "ONE_TIME");
        assertCreateFails(with(weekly(), r -> r.setScheduleInterval("week")), "scheduleInterval", "did you mean WEEK");
    }

    @Test
    void reoccuringIntervalRequiredUnlessOneTime() {
        assertCreateFails(with(weekly(), r -> r.setReoccuringInterval(null)), "reoccuringInterval", "required");
        assertCreateFails(with(weekly(), r -> r.setReoccuringInterval(0)), "reoccuringInterval", "positive");
        assertCreateFails(with(weekly(), r -> r.setReoccuringInterval(-2)), "reoccuringInterval", "positive");
        // ignored for ONE_TIME
        assertThatCode(() -> DataRequestValidator.validateForCreate(with(oneTime(), r -> r.setReoccuringInterval(0))))
                .doesNotThrowAnyException();
    }

    @Test
    void effectiveToRequiredUnlessOneTime() {
        assertCreateFails(with(weekly(), r -> r.setEffectiveTo(null)), "effectiveTo", "required", "WEEK");
    }

    @Test
    void effectiveToMustBeAbsentForOneTime() {
        assertCreateFails(with(oneTime(), r -> r.setEffectiveTo(TO)), "effectiveTo", "ONE_TIME");
    }

    @Test
    void effectiveFromRequiredOnCreate() {
        assertCreateFails(with(weekly(), r -> r.setEffectiveFrom(null)), "effectiveFrom", "required");
    }

    @Test
    void effectiveToMustBeAfterEffectiveFrom() {
        assertCreateFails(with(weekly(), r -> r.setEffectiveTo(FROM)), "effectiveTo", "after effectiveFrom");
        assertCreateFails(with(weekly(), r -> r.setEffectiveTo(FROM.minusSeconds(1))), "effectiveTo", "after");
    }

    @Test
    void projectIdListHoldsOneToFiftyIds() {
        assertCreateFails(with(weekly(), r -> r.setProjectIdList(List.of())), "projectIdList", "1 to 50", "holds 0");
        List<String> many = IntStream.rangeClosed(1, 51).mapToObj(i -> "p" + i).toList();
        assertCreateFails(with(weekly(), r -> r.setProjectIdList(many)), "projectIdList", "holds 51");
        assertThatCode(() -> DataRequestValidator.validateForCreate(
                with(weekly(), r -> r.setProjectIdList(many.subList(0, 50))))).doesNotThrowAnyException();
        assertThatCode(() -> DataRequestValidator.validateForCreate(with(weekly(), r -> r.setProjectIdList(null))))
                .doesNotThrowAnyException();
    }

    @Test
    void projectIdListRejectsBlankIds() {
        assertCreateFails(with(weekly(), r -> r.setProjectIdList(List.of("p1", " "))), "projectIdList", "blank",
                "index 1");
        assertCreateFails(with(weekly(), r -> r.setProjectIdList(new ArrayList<>(Arrays.asList("p1", null)))),
                "projectIdList", "blank");
    }

    @Test
    void serviceGroupsRequiredAndKnown() {
        assertCreateFails(with(weekly(), r -> r.setServiceGroups(null)), "serviceGroups", "required");
        assertCreateFails(with(weekly(), r -> r.setServiceGroups(List.of())), "serviceGroups", "at least one");
        assertCreateFails(with(weekly(), r -> r.setServiceGroups(List.of("admin", "bogus"))), "serviceGroups",
                "'bogus'", "submittalsacc");
        assertCreateFails(with(weekly(), r -> r.setServiceGroups(List.of("Issues"))), "serviceGroups",
                "did you mean issues");
    }

    @ParameterizedTest
    @ValueSource(strings = { "all", "activities", "admin", "assets", "checklists", "cost", "dailylogs", "forms", "iq",
            "issues", "locations", "markups", "meetingminutes", "photos", "relationships", "reviews", "rfis",
            "schedule", "sheets", "submittals", "submittalsacc", "transmittals" })
    void everyDocumentedServiceGroupIsAccepted(String group) {
        assertThatCode(() -> DataRequestValidator.validateForCreate(with(weekly(),
                r -> r.setServiceGroups(List.of(group))))).doesNotThrowAnyException();
    }

    @Test
    void dateRangeMustBeKnown() {
        for (String ok : List.of("TODAY", "YESTERDAY", "PAST_7_DAYS", "MONTH_TO_DATE", "LAST_MONTH")) {
            assertThatCode(() -> DataRequestValidator.validateForCreate(with(weekly(), r -> r.setDateRange(ok))))
                    .doesNotThrowAnyException();
        }
        assertCreateFails(with(weekly(), r -> r.setDateRange("LAST_YEAR")), "dateRange", "LAST_YEAR", "PAST_7_DAYS");
    }

    @Test
    void projectStatusMustBeKnown() {
        for (String ok : List.of("all", "archived", "active")) {
            assertThatCode(() -> DataRequestValidator.validateForCreate(with(weekly(), r -> r.setProjectStatus(ok))))
                    .doesNotThrowAnyException();
        }
        assertCreateFails(with(weekly(), r -> r.setProjectStatus("deleted")), "projectStatus", "deleted", "archived");
    }

    @Test
    void callbackUrlMustBeAnAbsoluteHttpUrl() {
        assertThatCode(() -> DataRequestValidator.validateForCreate(
                with(weekly(), r -> r.setCallbackUrl("https://api.mycompany.com/autodesk/jobinfo"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> DataRequestValidator.validateForCreate(
                with(weekly(), r -> r.setCallbackUrl("http://localhost:8080/cb")))).doesNotThrowAnyException();
        assertCreateFails(with(weekly(), r -> r.setCallbackUrl("/autodesk/jobinfo")), "callbackUrl", "absolute");
        assertCreateFails(with(weekly(), r -> r.setCallbackUrl("ftp://host/x")), "callbackUrl", "http");
        assertCreateFails(with(weekly(), r -> r.setCallbackUrl("https://exa mple.com/")), "callbackUrl", "URL");
        assertCreateFails(with(weekly(), r -> r.setCallbackUrl("https:///nohost")), "callbackUrl", "host");
    }

    @Test
    void callbackUrlErrorDoesNotEchoItsQuery() {
        assertThatThrownBy(() -> DataRequestValidator.validateForCreate(
                with(weekly(), r -> r.setCallbackUrl("ftp://host/cb?secret=s3cr3t"))))
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void endDateMustNotPrecedeStartDate() {
        assertCreateFails(with(weekly(), r -> {
            r.setStartDate(TO);
            r.setEndDate(FROM);
        }), "endDate", "startDate");
    }

    private static DataRequest activities(String start, String end) {
        DataRequest r = oneTime();
        r.setServiceGroups(List.of("activities"));
        r.setStartDate(start == null ? null : Instant.parse(start));
        r.setEndDate(end == null ? null : Instant.parse(end));
        return r;
    }

    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

    @Test
    void activitiesRangeOfAtMost31DaysWithinTwelveMonthsPasses() {
        assertThatCode(() -> DataRequestValidator.validateForCreate(
                activities("2026-02-01T00:00:00Z", "2026-03-04T00:00:00Z"), NOW)).doesNotThrowAnyException();
        assertThatCode(() -> DataRequestValidator.validateForCreate(
                activities("2025-03-16T00:00:00Z", null), NOW)).as("one date stands for both").doesNotThrowAnyException();
    }

    @Test
    void activitiesRangeLongerThan31DaysIsRefusedNamingEndDate() {
        assertThatThrownBy(() -> DataRequestValidator.validateForCreate(
                activities("2026-01-01T00:00:00Z", "2026-02-01T00:00:01Z"), NOW))
                .isInstanceOfSatisfying(InvalidDataRequestException.class, e -> assertThat(e.getField()).isEqualTo("endDate"))
                .hasMessageContainingAll("endDate", "31 days", "activities");
    }

    @Test
    void activitiesStartingMoreThanTwelveMonthsAgoIsRefusedNamingTheField() {
        assertThatThrownBy(() -> DataRequestValidator.validateForCreate(
                activities("2025-03-14T00:00:00Z", "2025-03-20T00:00:00Z"), NOW))
                .isInstanceOfSatisfying(InvalidDataRequestException.class, e -> assertThat(e.getField()).isEqualTo("startDate"))
                .hasMessageContainingAll("startDate", "12 months", "2025-03-15T12:00:00.000Z");
        assertThatThrownBy(() -> DataRequestValidator.validateForCreate(
                activities(null, "2024-01-01T00:00:00Z"), NOW))
                .isInstanceOfSatisfying(InvalidDataRequestException.class, e -> assertThat(e.getField()).isEqualTo("endDate"));
        DataRequest all = activities("2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z");
        all.setServiceGroups(List.of("all"));
        assertThatThrownBy(() -> DataRequestValidator.validateForCreate(all, NOW)).hasMessageContaining("startDate");
    }

    @Test
    void dateRangeLimitsApplyToActivitiesOnly() {
        DataRequest admin = activities("2020-01-01T00:00:00Z", "2020-06-01T00:00:00Z");
        admin.setServiceGroups(List.of("admin", "issues"));
        assertThatCode(() -> DataRequestValidator.validateForCreate(admin, NOW)).doesNotThrowAnyException();
    }

    @Test
    void badStartDateFromJsonNamesTheField() {
        assertThatThrownBy(() -> DataConnectorJson.toDataRequest("{\"startDate\": \"2023-13-45\"}"))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo("startDate"))
                .hasMessageContaining("startDate");
    }

    @Test
    void nullRequestIsRejected() {
        assertThatThrownBy(() -> DataRequestValidator.validateForCreate(null))
                .isInstanceOf(InvalidDataRequestException.class);
        assertThatThrownBy(() -> DataRequestValidator.validateForUpdate(null))
                .isInstanceOf(InvalidDataRequestException.class);
    }

    // --- update -----------------------------------------------------------------------------------------------------

    @Test
    void updateValidatesOnlyTheFieldsPresent() {
        DataRequest patch = new DataRequest();
        patch.setIsActive(false);
        assertThatCode(() -> DataRequestValidator.validateForUpdate(patch)).doesNotThrowAnyException();
        DataRequest desc = new DataRequest();
        desc.setDescription("x");
        desc.setEffectiveTo(TO);
        assertThatCode(() -> DataRequestValidator.validateForUpdate(desc)).doesNotThrowAnyException();
    }

    @Test
    void updateChecksPresentFields() {
        DataRequest patch = new DataRequest();
        patch.setServiceGroups(List.of("nope"));
        assertThatThrownBy(() -> DataRequestValidator.validateForUpdate(patch))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo("serviceGroups"));
        DataRequest interval = new DataRequest();
        interval.setReoccuringInterval(0);
        assertThatThrownBy(() -> DataRequestValidator.validateForUpdate(interval))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo("reoccuringInterval"));
        DataRequest projects = new DataRequest();
        projects.setProjectIdList(List.of());
        assertThatThrownBy(() -> DataRequestValidator.validateForUpdate(projects))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo("projectIdList"));
    }

    @Test
    void updateAppliesCrossFieldRulesWhenScheduleIntervalIsPresent() {
        DataRequest toWeekly = new DataRequest();
        toWeekly.setScheduleInterval("WEEK");
        assertThatThrownBy(() -> DataRequestValidator.validateForUpdate(toWeekly))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo("reoccuringInterval"));
        toWeekly.setReoccuringInterval(2);
        assertThatThrownBy(() -> DataRequestValidator.validateForUpdate(toWeekly))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo("effectiveTo"));
        toWeekly.setEffectiveTo(TO);
        assertThatCode(() -> DataRequestValidator.validateForUpdate(toWeekly)).doesNotThrowAnyException();

        DataRequest toOnce = new DataRequest();
        toOnce.setScheduleInterval("ONE_TIME");
        toOnce.setEffectiveTo(TO);
        assertThatThrownBy(() -> DataRequestValidator.validateForUpdate(toOnce))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo("effectiveTo"));
        DataRequest bad = new DataRequest();
        bad.setScheduleInterval("HOURLY");
        assertThatThrownBy(() -> DataRequestValidator.validateForUpdate(bad))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo("scheduleInterval"));
    }
}

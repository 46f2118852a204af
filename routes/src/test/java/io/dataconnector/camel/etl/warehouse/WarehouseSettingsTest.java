package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which tables load as windows: {@code warehouse.window-tables} globs, whole-name matches. */
class WarehouseSettingsTest {

    private static WarehouseSettings windows(String globs) {
        return new WarehouseSettings("dataconnector", "dc_load_history", false, WarehouseSettings.SWAP_RENAME, 1000,
                globs);
    }

    @Test
    void theDefaultGlobsMakeActivitiesAndDeltaTablesWindows() {
        WarehouseSettings s = WarehouseSettings.defaults("dataconnector");
        assertThat(s.modeOf("activities_admin_activities")).isEqualTo(LoadMode.WINDOW);
        assertThat(s.modeOf("cdcadmin_project_users")).isEqualTo(LoadMode.WINDOW);
        assertThat(s.modeOf("admin_users")).isEqualTo(LoadMode.SNAPSHOT);
        assertThat(s.modeOf("xactivities_admin_activities")).as("a whole-name match").isEqualTo(LoadMode.SNAPSHOT);
    }

    @Test
    void globsAreTrimmedCaseInsensitiveAndMatchWholeNames() {
        WarehouseSettings s = windows(" Issues_* , rfis_rfis ,");
        assertThat(s.modeOf("issues_issues")).isEqualTo(LoadMode.WINDOW);
        assertThat(s.modeOf("rfis_rfis")).isEqualTo(LoadMode.WINDOW);
        assertThat(s.modeOf("rfis_rfis_extra")).isEqualTo(LoadMode.SNAPSHOT);
        assertThat(s.modeOf("activities_admin_activities")).isEqualTo(LoadMode.SNAPSHOT);
    }

    @Test
    void noGlobsMakeEveryTableASnapshot() {
        assertThat(windows("").modeOf("activities_admin_activities")).isEqualTo(LoadMode.SNAPSHOT);
        assertThat(windows(" , ").modeOf("cdcadmin_project_users")).isEqualTo(LoadMode.SNAPSHOT);
    }
}

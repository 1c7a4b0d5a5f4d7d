package ru.journalarchive.app.web.monitoring;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The education department's monitoring dashboard (read-only): a school's indicators by period against
 * their thresholds, their charts, and the archived signed reports. The administrator and the inspector
 * see every school: both work for the district, not for one school.
 */
@Controller
@RequestMapping("/monitoring")
public class MonitoringPageController {

    /** Who may open an archived document's page (WebSecurityConfig: /archive/** is theirs). */
    private static final java.util.Set<String> ARCHIVE_READERS = java.util.Set.of("ROLE_ARCHIVIST", "ROLE_INSPECTOR");

    private final MonitoringDashboard dashboard;

    public MonitoringPageController(MonitoringDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping
    public String page(@RequestParam(required = false) String school, @RequestParam(required = false) String year,
                       @RequestParam(required = false) String period, Authentication who, Model model) {
        boolean mayOpenArchive = who.getAuthorities().stream().anyMatch(a -> ARCHIVE_READERS.contains(a.getAuthority()));
        model.addAttribute("view", dashboard.view(blankToNull(school), blankToNull(year), blankToNull(period), mayOpenArchive));
        return "monitoring/dashboard";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

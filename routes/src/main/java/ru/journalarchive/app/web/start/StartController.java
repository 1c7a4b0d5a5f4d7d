package ru.journalarchive.app.web.start;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import ru.journalarchive.app.security.AppUsers;

/** The start page: each role sees what it may do here. */
@Controller
public class StartController {

    @GetMapping("/")
    public String start(@AuthenticationPrincipal AppUsers.SchoolUser user, Model model) {
        model.addAttribute("name", user.fullName() == null ? user.getUsername() : user.fullName());
        model.addAttribute("roleTitle", StartActions.roleTitle(user.role()));
        model.addAttribute("actions", StartActions.of(user.role(), user.school()));
        return "start/index";
    }
}

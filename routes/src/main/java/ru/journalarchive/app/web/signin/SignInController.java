package ru.journalarchive.app.web.signin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form; Spring Security checks the password (throttled and audited like HTTP basic). */
@Controller
public class SignInController {

    @GetMapping("/login")
    public String form(@RequestParam(required = false) Long throttled, Model model) {
        if (throttled != null) model.addAttribute("throttledMinutes", Math.max(1, (throttled + 59) / 60));
        return "signin/login";
    }
}

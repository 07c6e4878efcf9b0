package org.peerdesk.storage;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** Reads from Declarative Services why Peerdesk components failed to activate, to tell the user. */
final class ComponentFailures {

    /** How Felix SCR words a failure caused by another component's failure. */
    private static final String FOLLOW_ON = "Unable to get service for reference";
    private static final String CAUSE = "Caused by: ";

    private ComponentFailures() {
    }

    static Optional<String> describe(BundleContext context) {
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
        if (reference == null) {
            return Optional.empty();
        }
        ServiceComponentRuntime runtime = context.getService(reference);
        try {
            return summarize(runtime.getComponentDescriptionDTOs().stream()
                    .filter(description -> description.name.startsWith("org.peerdesk."))
                    .flatMap(description -> runtime.getComponentConfigurationDTOs(description).stream())
                    .filter(configuration -> configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION)
                    .map(configuration -> userMessage(configuration.description.name, configuration.failure))
                    .toList());
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * The reasons worth telling: when one component fails, those that need it fail too, saying only
     * that a service was missing; those follow-on failures are left out, and repeats are told once.
     */
    static Optional<String> summarize(List<String> failures) {
        List<String> distinct = failures.stream().distinct().toList();
        List<String> causes = distinct.stream().filter(message -> !message.startsWith(FOLLOW_ON)).toList();
        List<String> told = causes.isEmpty() ? distinct : causes;
        return told.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", told));
    }

    /**
     * DS reports the failure as a stack trace wrapped in reflection exceptions. The message worth showing is that of
     * the first Peerdesk exception in the causes, which says what to do; without one (a failure Peerdesk did not
     * foresee), the component and the exception at the root of it, which the log then shows whole.
     */
    static String userMessage(String component, String failure) {
        if (failure == null || failure.isBlank()) {
            return "unknown failure";
        }
        List<String> chain = Stream.concat(failure.lines().limit(1),
                failure.lines().filter(line -> line.startsWith(CAUSE)).map(line -> line.substring(CAUSE.length()))).toList();
        Optional<String> peerdesk = chain.stream().filter(exception -> exception.startsWith("org.peerdesk.")).findFirst();
        if (peerdesk.isPresent()) {
            return withoutClass(peerdesk.get());
        }
        String root = chain.get(chain.size() - 1);
        String said = withoutClass(root);
        return said.startsWith(FOLLOW_ON) ? said
                : component + " could not start: " + root.replaceFirst("^([a-z]\\w*\\.)+", "") + " (the log has the details)";
    }

    private static String withoutClass(String message) {
        int colon = message.indexOf(": ");
        return colon >= 0 && message.substring(0, colon).matches("[\\w.$]+") ? message.substring(colon + 2) : message;
    }
}

package org.peerdesk.storage;

import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** Reads from Declarative Services why Peerdesk components failed to activate, to tell the user. */
final class ComponentFailures {

    private ComponentFailures() {
    }

    static Optional<String> describe(BundleContext context) {
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
        if (reference == null) {
            return Optional.empty();
        }
        ServiceComponentRuntime runtime = context.getService(reference);
        try {
            String failures = runtime.getComponentDescriptionDTOs().stream()
                    .filter(description -> description.name.startsWith("org.peerdesk."))
                    .flatMap(description -> runtime.getComponentConfigurationDTOs(description).stream())
                    .filter(configuration -> configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION)
                    .map(configuration -> firstLine(configuration.failure))
                    .collect(Collectors.joining("; "));
            return failures.isEmpty() ? Optional.empty() : Optional.of(failures);
        } finally {
            context.ungetService(reference);
        }
    }

    /** DS reports the failure as a stack trace; its first line holds our exception's message. */
    private static String firstLine(String failure) {
        if (failure == null) {
            return "unknown failure";
        }
        String line = failure.lines().findFirst().orElse(failure);
        int colon = line.indexOf(": ");
        return colon >= 0 && line.substring(0, colon).matches("[\\w.$]+") ? line.substring(colon + 2) : line;
    }
}

package org.peerdesk.plugins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * What keeps a running plugin's Declarative Services components from working: as Service Component Runtime
 * sees it, a component that waits for a service nobody provides, or one that failed to start; and one whose
 * class the plugin cannot load, of which the runtime says nothing. A plugin whose command or protocol does
 * not appear is most often one of these, and nothing else would say so.
 */
final class ComponentTrouble {

    private ComponentTrouble() {
    }

    /** The trouble of {@code bundle}'s components, one clause each ("component Greeter waits for a TransportService"); "" for none. */
    static String of(ServiceComponentRuntime runtime, Bundle bundle) {
        List<String> troubles = new ArrayList<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs(bundle)) {
            String component = "component " + simpleName(description.name);
            int told = troubles.size();
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                switch (configuration.state) {
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> troubles.add(component + " waits for "
                            + String.join(" and ", Arrays.stream(configuration.unsatisfiedReferences)
                                    .map(reference -> wanted(description, reference)).toList()));
                    case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> troubles.add(component + " waits for its configuration");
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> troubles.add(component + " could not start: "
                            + firstLine(configuration.failure));
                    default -> {
                        // satisfied or active: nothing the runtime knows to be wrong
                    }
                }
            }
            if (troubles.size() == told) {
                // a class that is nowhere leaves the component listed as satisfied (or not at all), and nothing runs
                String unloadable = unloadable(bundle, description.implementationClass);
                if (!unloadable.isEmpty()) {
                    troubles.add(component + " cannot start: " + unloadable);
                }
            }
        }
        troubles.sort(null); // by component, whatever order the runtime lists them in
        return String.join("; ", troubles);
    }

    /** Why the bundle cannot load the component's class; "" when it can. */
    private static String unloadable(Bundle bundle, String className) {
        try {
            bundle.loadClass(className);
            return "";
        } catch (ClassNotFoundException e) {
            return "no class " + className + " in the plugin or the packages it imports";
        } catch (LinkageError e) {
            return "its class " + className + " cannot be loaded: " + firstLine(e.toString());
        }
    }

    /** "a TransportService", or with the reference's filter when it has one. */
    private static String wanted(ComponentDescriptionDTO description, UnsatisfiedReferenceDTO unsatisfied) {
        String type = Arrays.stream(description.references).filter(reference -> reference.name.equals(unsatisfied.name))
                .map((ReferenceDTO reference) -> simpleName(reference.interfaceName)).findFirst().orElse(unsatisfied.name);
        return "a " + type + (unsatisfied.target == null || unsatisfied.target.isBlank() ? "" : " matching " + unsatisfied.target);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String firstLine(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        return failure.strip().lines().findFirst().orElse("").strip();
    }
}

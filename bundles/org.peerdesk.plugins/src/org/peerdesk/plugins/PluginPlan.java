package org.peerdesk.plugins;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to change so that the installed plugins match the folder: bundles whose file is gone or
 * was replaced are removed, files not yet installed are installed. Removal comes first, so a new
 * build of a plugin never meets its old one.
 */
record PluginPlan(List<String> locationsToRemove, List<PluginFile> filesToInstall) {

    static PluginPlan between(Collection<PluginFile> files, Collection<String> installedLocations) {
        Set<String> wanted = files.stream().map(PluginFile::location).collect(Collectors.toSet());
        List<String> remove = installedLocations.stream()
                .filter(PluginFile::isPluginLocation)
                .filter(location -> !wanted.contains(location))
                .sorted()
                .toList();
        List<PluginFile> install = files.stream()
                .filter(file -> !installedLocations.contains(file.location()))
                .toList();
        return new PluginPlan(remove, install);
    }

    boolean isEmpty() {
        return locationsToRemove.isEmpty() && filesToInstall.isEmpty();
    }
}

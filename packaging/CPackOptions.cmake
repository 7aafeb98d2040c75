# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE): what differs between them.
if(CPACK_GENERATOR STREQUAL "TGZ")
    # A tarball to unpack anywhere: bin/runboard, share/… below its top folder, not usr/.
    set(CPACK_PACKAGING_INSTALL_PREFIX "/")
endif()

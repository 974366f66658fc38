# Makes web/dist from the staged build (cmake -P, run by web/CMakeLists.txt after every build).
# Each file the page loads is copied under a name holding its content's hash
# ("waconsole-web.3f2a9c0d41be.wasm"), so a server may let browsers keep it for a year without
# asking again (waconsole-server marks such names immutable): a new build has new names, and
# index.html, the one file always revalidated, is what tells the browser which ones to load.
#
#   -DSTAGE=dir      the build's outputs under their plain names (FILE.gz twins beside some)
#   -DDIST=dir       what is served: index.html plus the hashed files
#   -DINDEX_TEMPLATE=file  index.html with {{plain-name}} where a hashed name goes and
#                    {{asset-map}} where "plain=hashed plain=hashed ..." goes (shell.js reads it)
#   -DFILES=a,b,...  the plain names, relative to STAGE
cmake_minimum_required(VERSION 3.25)

foreach(required STAGE DIST INDEX_TEMPLATE FILES)
    if(NOT DEFINED ${required})
        message(FATAL_ERROR "hash_dist.cmake needs -D${required}=")
    endif()
endforeach()

string(REPLACE "," ";" plain_names "${FILES}")
file(READ ${INDEX_TEMPLATE} page)
set(asset_map "")
foreach(plain IN LISTS plain_names)
    set(source ${STAGE}/${plain})
    if(NOT EXISTS ${source})
        message(FATAL_ERROR "${source} is missing: the web build did not make it")
    endif()
    file(SHA256 ${source} digest)
    string(SUBSTRING ${digest} 0 12 digest)
    get_filename_component(folder ${plain} DIRECTORY)
    get_filename_component(name ${plain} NAME)
    # "name.ext" -> "name.<digest>.ext"; the stems have no dot of their own.
    string(REGEX REPLACE "^([^.]+)\\.(.+)$" "\\1.${digest}.\\2" hashed_name ${name})
    string(REGEX REPLACE "^([^.]+)\\.(.+)$" "\\1" stem ${name})
    string(REGEX REPLACE "^([^.]+)\\.(.+)$" "\\2" extension ${name})
    if(folder STREQUAL "")
        set(hashed ${hashed_name})
    else()
        set(hashed ${folder}/${hashed_name})
    endif()

    # Older builds' copies go: dist holds one version of each file.
    file(GLOB earlier "${DIST}/${hashed}" "${DIST}/${folder}/${stem}.*.${extension}"
         "${DIST}/${folder}/${stem}.*.${extension}.gz")
    foreach(old IN LISTS earlier)
        get_filename_component(old_name ${old} NAME)
        if(old_name MATCHES "^${stem}\\.[0-9a-f]+\\.${extension}(\\.gz)?$"
           AND NOT old_name STREQUAL hashed_name AND NOT old_name STREQUAL "${hashed_name}.gz")
            file(REMOVE ${old})
        endif()
    endforeach()

    file(MAKE_DIRECTORY ${DIST}/${folder})
    file(COPY_FILE ${source} ${DIST}/${hashed} ONLY_IF_DIFFERENT)
    if(EXISTS ${source}.gz)
        file(COPY_FILE ${source}.gz ${DIST}/${hashed}.gz ONLY_IF_DIFFERENT)
    elseif(EXISTS ${DIST}/${hashed}.gz)
        file(REMOVE ${DIST}/${hashed}.gz)
    endif()

    string(REPLACE "{{${plain}}}" "${hashed}" page "${page}")
    string(APPEND asset_map " ${plain}=${hashed}")
endforeach()

string(STRIP "${asset_map}" asset_map)
string(REPLACE "{{asset-map}}" "${asset_map}" page "${page}")
if(page MATCHES "{{[^}]*}}")
    message(FATAL_ERROR "${INDEX_TEMPLATE} names ${CMAKE_MATCH_0}, which is not a file of the build")
endif()
# Written only when it changed, so an unchanged build leaves index.html (and its ETag) alone.
set(index ${DIST}/index.html)
set(old_page "")
if(EXISTS ${index})
    file(READ ${index} old_page)
endif()
if(NOT old_page STREQUAL page)
    file(WRITE ${index} "${page}")
endif()

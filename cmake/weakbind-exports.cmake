# cmake -DCONFIG=weakbind-config -DOUT=FILE -DOBJECTS="a.o|b.o" -P this:
# writes the export flags of the objects (weakbind-config --exports) to
# FILE, for weakbind_add_module's link (weakbindConfig.cmake).
string(REPLACE "|" ";" objects "${OBJECTS}")
execute_process(COMMAND "${CONFIG}" --exports ${objects}
  OUTPUT_FILE "${OUT}.tmp" RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "weakbind: ${CONFIG} --exports failed")
endif()
file(RENAME "${OUT}.tmp" "${OUT}")

@echo off
rem The `weir` command of an installed distribution on Windows: runs lib\weir.jar with java.
rem Environment: JAVA_HOME (which java to use, else java on PATH), JAVA_OPTS (extra JVM options).
setlocal
set "WEIR_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)
"%JAVA%" -XX:-DontCompileHugeMethods -XX:-ClipInlining %JAVA_OPTS% -jar "%WEIR_HOME%\lib\weir.jar" %*
exit /b %ERRORLEVEL%

@echo off
rem The leadership desk (Ban lam viec cua Ban giam hieu): double-click to open it in the browser.
rem Set up once first: docs\xuat-ban.en.md, "Technical appendix" (py -m venv .venv, .venv\Scripts\pip install -e .).
cd /d "%~dp0.."
if not exist ".venv\Scripts\handbook.exe" (
  echo Chua cai dat. Xem docs\xuat-ban.vi.md, muc "Phu luc ky thuat".
  echo Not set up yet. See docs\xuat-ban.en.md, "Technical appendix".
  pause
  exit /b 1
)
".venv\Scripts\handbook.exe" desk
pause

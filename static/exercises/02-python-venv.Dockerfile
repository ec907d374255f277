# title: Ship a Python virtual environment, not pip
# task: The Python app installs its packages in the -builder image and ships from there.
# task: Build a virtual environment in a builder stage and copy only the venv and the source
# task: to the -prod image. While you are at it, let the dependency layer survive source edits.
# goal: stages >= 2
# goal: final base is runtime
# goal: no warnings of AL1xx
# goal: no finding AL110
# goal: final image matches cleanstart-python:*-prod
# goal: final command matches python -m src.api
# hint: `RUN python -m venv /opt/venv` and `ENV PATH=/opt/venv/bin:$PATH` in the builder make pip install into the venv.
# hint: Copy `requirements.txt` alone and run `pip install -r requirements.txt` before copying the source.
# hint: The prod stage is `FROM cleanstart-python:3.11-prod`; copy `/opt/venv` and the source from the builder and set the same PATH.

FROM cleanstart-python:3.11-builder
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
USER 65532
CMD ["python", "-m", "src.api"]
